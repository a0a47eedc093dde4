import { own } from '../order';
import { claimsOf } from '../token-facts';
import { driftHit, expected, keysOf, listed, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-claim-missing`: a claim every token of the profile carried (`always`) is gone from this one: an
 * `aud`, `exp` or `jti` that verifiers may have relied on (RFC 7519 §4.1, RFC 8725 §3.8–3.9).
 */
export const checkClaimMissing = perToken(({ record, profile }) => {
  const claims = claimsOf(record);
  if (!claims) return undefined;
  const always = keysOf(profile.claims).filter((name) => own(profile.claims, name)?.presence === 'always');
  const missing = always.filter((name) => !Object.hasOwn(claims, name));
  if (missing.length === 0) return undefined;
  return driftHit(
    'drift-claim-missing',
    record,
    `Claim${missing.length > 1 ? 's' : ''} every one of the baseline’s ${profileName(profile)} carried ${missing.length > 1 ? 'are' : 'is'} missing: ${listed(missing)}.`,
    [expected(`always present: ${listed(always)}`), seen(`missing: ${listed(missing)}`)],
  );
});
