import { compareCarriers } from './carriers';
import { sortedValues, sortRecord } from './order';
import { compareProfileKeys } from './profile-key';
import type { Baseline, TokenProfile } from './types';
import { ROOT, writeJsonLines } from './write-json-lines';

/**
 * Field order of every object of a baseline file (see `types.ts`), merged into one list that keeps each
 * object's own order (a carrier's `where` before its `name`, a claim's `presence` before its `types`); map
 * keys (algorithms, claim names, controls) follow in code-point order.
 */
const ORDER = [
  'baselineVersion',
  'generatedBy',
  'learnedFrom',
  'profiles',
  'controls',
  'where',
  'name',
  'version',
  'cookie',
  'inputs',
  'timeRange',
  'start',
  'end',
  'issuer',
  'purpose',
  'place',
  'tokens',
  'requests',
  'captures',
  'algorithms',
  'keyIds',
  'presence',
  'types',
  'claims',
  'audiences',
  'lifetime',
  'recipientHosts',
  'transports',
  'carriers',
  'issuance',
  'responses',
  'firstSeen',
  'lastSeen',
  'min',
  'median',
  'max',
  'httpOnly',
  'secure',
  'sameSite',
  'hostPrefix',
  'perMinuteMedian',
  'perMinuteMax',
  'uses',
  'rejectedShare',
  'errorCodes',
];

/** Containers written one member per line whatever their length: each member is a fact of its own. */
const EXPAND = new Set([ROOT, 'learnedFrom', 'profiles', 'algorithms', 'keyIds', 'claims', 'controls']);

/** Maps from a name to its facts: written in code-point order of the names. */
const MAPS = new Set(['algorithms', 'keyIds', 'claims', 'controls']);

/** Lines longer than this are split: a diff then shows the one fact that changed. */
const WIDTH = 120;

/** A profile with its lists and maps in a fixed order, so a hand-edited file is written back the same way. */
function normalizeProfile(p: TokenProfile): TokenProfile {
  const claims = Object.entries(p.claims).map(([name, c]) => [name, { ...c, types: sortedValues(c.types) }]);
  return {
    ...p,
    algorithms: sortRecord(p.algorithms),
    keyIds: sortRecord(p.keyIds),
    types: sortedValues(p.types),
    claims: sortRecord(Object.fromEntries(claims)),
    audiences: sortedValues(p.audiences),
    recipientHosts: sortedValues(p.recipientHosts),
    transports: sortedValues(p.transports),
    carriers: [...p.carriers].sort(compareCarriers),
    ...(p.responses
      ? { responses: { ...p.responses, errorCodes: sortedValues(p.responses.errorCodes) } }
      : {}),
  };
}

/**
 * The text of a baseline file: stable order (profiles by issuer, purpose and place; lists and maps sorted;
 * fields in the order of `types.ts`), one fact per line, a final newline. The same baseline always gives
 * the same bytes, and a file written by this reads back and is written again unchanged.
 */
export function serializeBaseline(baseline: Baseline): string {
  const normalized: Baseline = {
    ...baseline,
    profiles: baseline.profiles.map(normalizeProfile).sort(compareProfileKeys),
    ...(baseline.controls ? { controls: sortRecord(baseline.controls) } : {}),
  };
  return writeJsonLines(normalized, { width: WIDTH, expand: EXPAND, order: ORDER, maps: MAPS });
}
