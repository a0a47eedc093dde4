import { isPresented } from '../rules/context/sighting-facts';
import type { Policy, Sighting, TokenRecord } from '../types';
import { buildEvents } from './events';
import { buildFamilies } from './families';
import { indexRequests } from './request-index';
import type { ExchangeFacts, LifecycleModel } from './types';
import { buildUses } from './uses';

/** The clock skew lifecycle decisions allow when the policy sets none, seconds. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/** A model with nothing in it: what a capture with no exchanges yields. */
export function emptyLifecycle(skewSeconds = DEFAULT_CLOCK_SKEW_SECONDS): LifecycleModel {
  return { uses: [], families: [], events: [], authorizations: [], discovery: [], skewSeconds };
}

/**
 * Builds the lifecycle model of a capture: a verdict on every use of every token, the token families and
 * refresh chains, the authorization requests, logouts and revocations, and the discovery documents seen.
 * Pure and total: any records and exchanges give a model (issue 13). Linear in records + exchanges (one
 * sort of each): uses ≤ sightings, families, events, authorizations and discovery URLs ≤ exchanges.
 */
export function buildLifecycle(
  records: readonly TokenRecord[],
  exchanges: readonly ExchangeFacts[],
  policy: Policy,
): LifecycleModel {
  const skew = skewOf(policy);
  try {
    // No exchange and no token sent in a request (a token list, pasted tokens): nothing to model, found in
    // one cheap pass instead of indexing every sighting by its request.
    if (exchanges.length === 0 && !presentsAny(records)) return emptyLifecycle(skew);
    const index = indexRequests(records, exchanges);
    const families = buildFamilies(index);
    const authorizations: ExchangeFacts[] = [];
    const discovery = new Set<string>();
    const { ordered } = index;
    for (let i = 0; i < ordered.length; i++) {
      const facts = ordered[i] as ExchangeFacts;
      if (facts.kind === 'authorize') authorizations.push(facts);
      else if (facts.kind === 'discovery') discovery.add(facts.url);
    }
    return {
      uses: buildUses(index),
      families,
      events: buildEvents(index, families),
      authorizations,
      discovery: [...discovery],
      skewSeconds: skew,
    };
  } catch {
    // Records and exchanges are plain data checked on the way in; this only guards the callers' promise.
    return emptyLifecycle(skew);
  }
}

/** True when some sighting presented its token in a request (a use, see `buildUses`). */
function presentsAny(records: readonly TokenRecord[]): boolean {
  for (let i = 0; i < records.length; i++) {
    const sightings = records[i]?.sightings;
    if (!Array.isArray(sightings)) continue;
    for (let j = 0; j < sightings.length; j++) {
      const sighting = sightings[j] as Sighting | undefined;
      if (sighting && isPresented(sighting)) return true;
    }
  }
  return false;
}

function skewOf(policy: Policy): number {
  const skew = policy?.clockSkewSeconds;
  return typeof skew === 'number' && Number.isFinite(skew) && skew >= 0 ? skew : DEFAULT_CLOCK_SKEW_SECONDS;
}
