import type { LifecycleRule, TokenFamily } from '../../lifecycle/types';
import type { CaptureHit, TokenRecord } from '../../types';
import { recordsByFingerprint, soundClaims } from './lifecycle-facts';

/** True for a refresh grant (RFC 6749 §6): so recorded, or issued for a presented refresh token. */
function isRefreshGrant(family: TokenFamily): boolean {
  return family.grantType === 'refresh_token' || (family.grantType === undefined && !!family.refreshedWith);
}

/**
 * True when the grant's tokens are sender-constrained (a `cnf` claim: DPoP, RFC 9449 §6; mTLS, RFC 8705
 * §3): RFC 9700 §4.14.2 asks public clients' refresh tokens to be rotated or sender-constrained, and a
 * DPoP-bound access token means the refresh token is bound too (RFC 9449 §5).
 */
function isSenderConstrained(family: TokenFamily, byFp: ReadonlyMap<string, TokenRecord>): boolean {
  const fps = [family.refreshedWith, ...family.members.map((m) => m.fingerprint)];
  return fps.some((fp) => {
    const record = fp === undefined ? undefined : byFp.get(fp);
    const claims = record ? soundClaims(record) : undefined;
    return claims !== undefined && Object.hasOwn(claims, 'cnf');
  });
}

/**
 * `refresh-token-not-rotated` (medium): a refresh grant seen in the browser's traffic (a public client)
 * was answered without a new refresh token, or with the very one presented, and nothing binds the tokens
 * to the client (`cnf`). RFC 9700 §4.14.2: such refresh tokens must be rotated, so that a stolen one is
 * detected when both copies are used; ASVS 10.4.5.
 */
export const checkRefreshTokenNotRotated: LifecycleRule = (model, records) => {
  const byFp = recordsByFingerprint(records);
  const hits: CaptureHit[] = [];
  for (const family of model.families) {
    if (!isRefreshGrant(family) || isSenderConstrained(family, byFp)) continue;
    const refresh = family.members.filter((m) => m.role === 'refresh');
    const same = refresh.find((m) => m.fingerprint === family.refreshedWith);
    if (refresh.length > 0 && !same) continue;
    const fingerprint = family.refreshedWith ?? family.members[0]?.fingerprint ?? '';
    const when = family.issuedAt || 'time unknown';
    hits.push({
      ruleId: 'refresh-token-not-rotated',
      fingerprint,
      detail: same
        ? `the refresh grant (request ${family.issuedBy} at ${when}) answered with the same refresh token it was given: it is not rotated`
        : `the refresh grant (request ${family.issuedBy} at ${when}) answered without a new refresh token, so the one presented stays in use: it is not rotated`,
      evidence: [
        { label: 'refresh grant', value: `request ${family.issuedBy} at ${when}` },
        { label: 'new refresh token', value: same ? 'the same one' : 'none' },
      ],
    });
  }
  return hits;
};
