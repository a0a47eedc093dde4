import type { LifecycleRule } from '../../lifecycle/types';
import type { CaptureHit } from '../../types';
import { formatDuration } from '../token/format-duration';
import { numericClaim, secondsOf, skewOf, soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/**
 * `token-lifetime-mismatch` (low): a token response's `expires_in` (RFC 6749 §5.1) disagrees with its
 * access token's own lifetime, `exp − iat`, by more than the skew. The client then refreshes too late
 * (it uses an expired token) or keeps a token longer than the server means. Only JWT access tokens with
 * both claims are judged. An `expires_in` that matches the time left from the token request to `exp`
 * instead (an issuer that backdates `iat` for skew, or hands out a token issued earlier) is not reported.
 */
export const checkTokenLifetimeMismatch: LifecycleRule = (model, records, policy, _signatures, index) => {
  // No token response in the capture (a token list): the record index is not built.
  if (model.families.length === 0) return [];
  const skew = skewOf(model, policy);
  const byFp = (index ?? createRuleIndex(model, records)).records;
  const hits: CaptureHit[] = [];
  for (const family of model.families) {
    const expiresIn = family.expiresIn;
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) continue;
    for (const member of family.members) {
      const record = member.role === 'access' ? byFp.get(member.fingerprint) : undefined;
      const claims = record ? soundClaims(record) : undefined;
      const exp = numericClaim(claims, 'exp');
      const iat = numericClaim(claims, 'iat');
      if (exp === undefined || iat === undefined) continue;
      const lifetime = exp - iat;
      if (Math.abs(lifetime - expiresIn) <= skew) continue;
      // Some issuers backdate iat (Microsoft Entra ID: 5 min) and send the time left as expires_in.
      const issued = secondsOf(family.issuedAt);
      if (issued !== undefined && Math.abs(exp - issued - expiresIn) <= skew) continue;
      hits.push({
        ruleId: 'token-lifetime-mismatch',
        fingerprint: member.fingerprint,
        detail:
          `the token response (request ${family.issuedBy} at ${family.issuedAt || 'time unknown'}) says expires_in ` +
          `${expiresIn} s (${formatDuration(expiresIn)}), but the access token's exp − iat is ${lifetime} s ` +
          `(${formatDuration(lifetime)}): ${formatDuration(lifetime - expiresIn)} ${lifetime > expiresIn ? 'longer' : 'shorter'}, ` +
          `beyond the ${formatDuration(skew)} allowed`,
        evidence: [
          { label: 'expires_in', value: `${expiresIn} s` },
          { label: 'exp − iat', value: `${lifetime} s` },
        ],
      });
    }
  }
  return hits;
};
