import { audiencesOfRecord, claimsOf, MAX_VALUES } from '../token-facts';
import { driftHit, expected, listed, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-audience-changed`: the token is meant for an audience none of its profile's tokens named. A
 * token reaching a new audience (or one issued with a broader audience list) can be replayed at services
 * that did not accept it before (RFC 8725 §3.9). A profile that learned no audience has nothing to
 * compare: an `aud` appearing there is `drift-claim-added`, one vanishing `drift-claim-missing`.
 */
export const checkAudienceChanged = perToken(({ record, profile }) => {
  if (profile.audiences.length === 0 || profile.audiences.length >= MAX_VALUES) return undefined;
  const claims = claimsOf(record);
  if (!claims || !Object.hasOwn(claims, 'aud')) return undefined;
  const audiences = audiencesOfRecord(record);
  const added = audiences.filter((a) => !profile.audiences.includes(a));
  if (added.length === 0) return undefined;
  return driftHit(
    'drift-audience-changed',
    record,
    `The ${profileName(profile)} were for ${listed(profile.audiences)} in the baseline; this one is also or instead for ${listed(added)}.`,
    [expected(`aud: ${listed(profile.audiences)}`), seen(`aud: ${listed(audiences)}`)],
  );
});
