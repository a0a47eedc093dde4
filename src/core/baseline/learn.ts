import type { AuditResult } from '../types';
import { buildProfile } from './build-profile';
import { captureDigest } from './capture-digest';
import { learnControls } from './controls';
import { mergeBaselines } from './merge';
import { addRecord, createProfileFacts, type ProfileFacts } from './profile-facts';
import { compareProfileKeys, profileKeyOf, profileKeyText } from './profile-key';
import { createTally, type ResponseTally, tallyUse } from './responses';
import { rangeOf } from './seen-span';
import type { Baseline } from './types';

/** Where a baseline was learned from, and by which tool. */
export interface LearnMeta {
  inputs: readonly string[];
  tool: { name: string; version: string };
  /**
   * `captureDigest` of each input, when the host audited several together and can tell their sightings
   * apart (the CLI: one per file). Default: one digest for the whole result.
   */
  captures?: readonly string[];
}

/**
 * Learns a baseline from an audit result: one profile per issuer and purpose (opaque tokens per place),
 * holding no token, no signature and no claim value but `iss`, `aud`, `alg`, `kid`, `typ` and host names.
 * With `prior` (`baseline --update`), the result is merged into it (`mergeBaselines`); a capture `prior`
 * was already learned from (`captureDigest`) leaves it as it is. Deterministic: the
 * same result gives the same baseline, whatever the clock. Pure; never throws on hostile tokens.
 */
export function learnBaseline(result: AuditResult, meta: LearnMeta, prior?: Baseline): Baseline {
  if (prior && alreadyLearned(prior, result)) return prior;
  const learned = learnFresh(result, meta);
  return prior ? mergeBaselines(prior, learned) : learned;
}

/** True when `prior` was learned from this very capture (`learnedFrom.captures`). */
export function alreadyLearned(prior: Baseline, result: AuditResult): boolean {
  return prior.learnedFrom.captures?.includes(captureDigest(result)) === true;
}

function learnFresh(result: AuditResult, meta: LearnMeta): Baseline {
  const profiles = new Map<string, { facts: ProfileFacts; tally: ResponseTally }>();
  const byFingerprint = new Map<string, ResponseTally>();
  const requests = new Set<string>();
  for (const record of result.tokens) {
    for (const s of record.sightings) requests.add(s.requestId);
    const key = profileKeyOf(record);
    if (!key) continue;
    const text = profileKeyText(key);
    let profile = profiles.get(text);
    if (!profile) {
      profile = { facts: createProfileFacts(key), tally: createTally() };
      profiles.set(text, profile);
    }
    addRecord(profile.facts, record);
    byFingerprint.set(record.token.fingerprint, profile.tally);
  }
  for (const use of result.lifecycle.uses) {
    const tally = byFingerprint.get(use.fingerprint);
    if (tally) tallyUse(tally, use);
  }
  const range = rangeOf(result.timeRange);
  const list = [...profiles.values()]
    .map(({ facts, tally }) => buildProfile(facts, tally, range?.ms))
    .sort(compareProfileKeys);
  return {
    baselineVersion: 1,
    generatedBy: { name: meta.tool.name, version: meta.tool.version },
    learnedFrom: {
      inputs: [...new Set(meta.inputs)],
      ...(range ? { timeRange: range.iso } : {}),
      tokens: list.reduce((n, p) => n + p.tokens, 0),
      requests: requests.size,
      captures: meta.captures ? [...new Set(meta.captures)] : [captureDigest(result)],
    },
    profiles: list,
    controls: learnControls(result, meta.tool),
  };
}
