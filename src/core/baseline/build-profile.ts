import { carrierList } from './carriers';
import { sortedValues, sortRecord } from './order';
import type { ProfileFacts } from './profile-facts';
import { type ResponseTally, responsesOf } from './responses';
import { perMinute, spread } from './stats';
import type { SeenSpan, TokenProfile } from './types';

function spans(map: ReadonlyMap<string, SeenSpan>): Record<string, SeenSpan> {
  return sortRecord(Object.fromEntries([...map].map(([key, span]) => [key, { ...span }])));
}

function learnedClaims(facts: ProfileFacts): TokenProfile['claims'] {
  const entries = [...facts.claims].map(([name, seen]) => [
    name,
    {
      presence: seen.count === facts.withClaims ? 'always' : 'sometimes',
      types: sortedValues(seen.types),
    },
  ]);
  return sortRecord(Object.fromEntries(entries));
}

/**
 * The profile learned from `facts`; optional facts only when something was seen (no lifetime without
 * `exp` and `iat`, no rate without request times, no responses without a judged use).
 */
export function buildProfile(
  facts: ProfileFacts,
  tally: ResponseTally,
  range: { start: number; end: number } | undefined,
): TokenProfile {
  const { key } = facts;
  const lifetime = spread(facts.lifetimes);
  const issuance = range ? perMinute(facts.firstSeen, range) : undefined;
  const responses = responsesOf(tally);
  return {
    issuer: key.issuer,
    purpose: key.purpose,
    ...(key.place !== undefined ? { place: key.place } : {}),
    tokens: facts.fingerprints.size,
    algorithms: spans(facts.algorithms),
    keyIds: spans(facts.keyIds),
    types: sortedValues(facts.types),
    claims: learnedClaims(facts),
    audiences: sortedValues(facts.audiences),
    ...(lifetime ? { lifetime } : {}),
    recipientHosts: sortedValues(facts.hosts),
    transports: sortedValues(facts.transports),
    carriers: carrierList(facts.carriers),
    ...(issuance ? { issuance } : {}),
    ...(responses ? { responses } : {}),
  };
}
