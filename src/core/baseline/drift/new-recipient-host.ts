import { describeRequest } from '../../rules/context/sighting-facts';
import { isLearnable, MAX_VALUES, recipientHostOf } from '../token-facts';
import { driftHit, expected, listed, MAX_LISTED, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-new-recipient-host`: the token was presented to a host none of its profile's tokens reached: a
 * new API, a third party, or a misrouted call (RFC 8725 §3.9, ASVS 10.1.1: tokens reach only what needs
 * them). A profile that learned no recipient (tokens only issued in the baseline) has nothing to compare.
 */
export const checkNewRecipientHost = perToken(({ record, profile }) => {
  const learned = profile.recipientHosts;
  // No recipient learned (tokens only issued), or as many as a baseline keeps: nothing to tell new from.
  if (learned.length === 0 || learned.length >= MAX_VALUES) return undefined;
  const known = new Set(learned.map((h) => h.toLowerCase()));
  const sightings = record.sightings.filter((s) => {
    const host = recipientHostOf(s);
    return isLearnable(host) && !known.has(host);
  });
  if (sightings.length === 0) return undefined;
  const hosts = [...new Set(sightings.map(recipientHostOf))];
  return driftHit(
    'drift-new-recipient-host',
    record,
    `Sent to ${listed(hosts)}, which the baseline’s ${profileName(profile)} never reached (first: ${describeRequest(sightings[0] as (typeof sightings)[number])}).`,
    [
      expected(`hosts: ${listed([...known].sort())}`),
      ...hosts.slice(0, MAX_LISTED).map((h) => seen(`host ${h}`)),
    ],
    { sightingIds: sightings.map((s) => s.id) },
  );
});
