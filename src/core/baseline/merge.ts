import { mergeCarriers } from './carriers';
import { mergeControls } from './controls';
import { own, sortedValues, sortRecord } from './order';
import { compareProfileKeys, profileKeyText } from './profile-key';
import { mergeResponses } from './responses';
import { mergeSpanRecords } from './seen-span';
import type { Baseline, TokenProfile } from './types';

type Claims = TokenProfile['claims'];

/**
 * A claim is `always` present only when it was in every token of both: a claim one side never saw, or saw
 * only sometimes (or that a reviewer marked `sometimes` by hand), becomes `sometimes`.
 */
function mergeClaims(a: TokenProfile, b: TokenProfile): Claims {
  const out = new Map<string, Claims[string]>();
  for (const name of new Set([...Object.keys(a.claims), ...Object.keys(b.claims)])) {
    const [x, y] = [own(a.claims, name), own(b.claims, name)];
    const missing = (!x && a.tokens > 0) || (!y && b.tokens > 0);
    const always =
      !missing && (x?.presence ?? 'always') === 'always' && (y?.presence ?? 'always') === 'always';
    out.set(name, {
      presence: always ? 'always' : 'sometimes',
      types: sortedValues([...(x?.types ?? []), ...(y?.types ?? [])]),
    });
  }
  return sortRecord(Object.fromEntries(out));
}

/**
 * Lifetimes: the range covering both. A median cannot be merged from two medians: the one learned from
 * more tokens is kept (the newer on a tie), clamped into the merged range.
 */
function mergeLifetime(a: TokenProfile, b: TokenProfile): TokenProfile['lifetime'] {
  const [x, y] = [a.lifetime, b.lifetime];
  if (!x || !y) return x ? { ...x } : y ? { ...y } : undefined;
  const min = Math.min(x.min, y.min);
  const max = Math.max(x.max, y.max);
  const median = a.tokens > b.tokens ? x.median : y.median;
  return { min, median: Math.min(max, Math.max(min, median)), max };
}

function mergeIssuance(a: TokenProfile, b: TokenProfile): TokenProfile['issuance'] {
  const [x, y] = [a.issuance, b.issuance];
  if (!x || !y) return x ? { ...x } : y ? { ...y } : undefined;
  return {
    perMinuteMedian: Math.max(x.perMinuteMedian, y.perMinuteMedian),
    perMinuteMax: Math.max(x.perMinuteMax, y.perMinuteMax),
  };
}

const union = (a: readonly string[], b: readonly string[]) => sortedValues([...a, ...b]);

/** One profile from the same kind of token in two baselines: everything either saw is expected. */
export function mergeProfiles(a: TokenProfile, b: TokenProfile): TokenProfile {
  const lifetime = mergeLifetime(a, b);
  const issuance = mergeIssuance(a, b);
  const responses = mergeResponses(a.responses, b.responses);
  return {
    issuer: a.issuer,
    purpose: a.purpose,
    ...(a.place !== undefined ? { place: a.place } : {}),
    tokens: a.tokens + b.tokens,
    algorithms: sortRecord(mergeSpanRecords(a.algorithms, b.algorithms)),
    keyIds: sortRecord(mergeSpanRecords(a.keyIds, b.keyIds)),
    types: union(a.types, b.types),
    claims: mergeClaims(a, b),
    audiences: union(a.audiences, b.audiences),
    ...(lifetime ? { lifetime } : {}),
    recipientHosts: union(a.recipientHosts, b.recipientHosts),
    transports: union(a.transports, b.transports),
    carriers: mergeCarriers(a.carriers, b.carriers),
    ...(issuance ? { issuance } : {}),
    ...(responses ? { responses } : {}),
  };
}

function mergeTimeRange(a: Baseline['learnedFrom'], b: Baseline['learnedFrom']) {
  const [x, y] = [a.timeRange, b.timeRange];
  if (!x || !y) return x ? { ...x } : y ? { ...y } : undefined;
  return { start: x.start < y.start ? x.start : y.start, end: x.end > y.end ? x.end : y.end };
}

/**
 * `baseline --update`: what `next` (learned from a reviewed capture) adds to `prior`. Profiles of the same
 * issuer, purpose and place are merged (first-seen dates kept, ranges widened, lists joined); new ones are
 * added; none is dropped, so hand edits that loosen the baseline survive. `generatedBy` is `next`'s.
 */
export function mergeBaselines(prior: Baseline, next: Baseline): Baseline {
  const profiles = new Map(prior.profiles.map((p) => [profileKeyText(p), p]));
  for (const profile of next.profiles) {
    const key = profileKeyText(profile);
    const seen = profiles.get(key);
    profiles.set(key, seen ? mergeProfiles(seen, profile) : profile);
  }
  const timeRange = mergeTimeRange(prior.learnedFrom, next.learnedFrom);
  const controls = mergeControls(prior.controls, next.controls);
  const captures = [
    ...new Set([...(prior.learnedFrom.captures ?? []), ...(next.learnedFrom.captures ?? [])]),
  ];
  return {
    baselineVersion: 1,
    generatedBy: { ...next.generatedBy },
    learnedFrom: {
      inputs: [...new Set([...prior.learnedFrom.inputs, ...next.learnedFrom.inputs])],
      ...(timeRange ? { timeRange } : {}),
      tokens: prior.learnedFrom.tokens + next.learnedFrom.tokens,
      requests: prior.learnedFrom.requests + next.learnedFrom.requests,
      ...(captures.length > 0 ? { captures } : {}),
    },
    profiles: [...profiles.values()].sort(compareProfileKeys),
    ...(controls ? { controls } : {}),
  };
}
