import type { LifecycleRule, TokenFamily } from '../../lifecycle/types';
import type { CaptureHit, TokenRecord } from '../../types';
import { soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

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

/** A refresh grant answered without rotation: `same` when it handed back the very token presented. */
interface Unrotated {
  family: TokenFamily;
  same: boolean;
}

/** The grant's answer when it did not rotate the refresh token presented, else `undefined`. */
function unrotated(family: TokenFamily, byFp: ReadonlyMap<string, TokenRecord>): Unrotated | undefined {
  if (!isRefreshGrant(family) || isSenderConstrained(family, byFp)) return undefined;
  const refresh = family.members.filter((m) => m.role === 'refresh');
  const same = refresh.some((m) => m.fingerprint === family.refreshedWith);
  return refresh.length > 0 && !same ? undefined : { family, same };
}

/**
 * `refresh-token-not-rotated` (medium): a refresh grant seen in the browser's traffic (a public client)
 * was answered without a new refresh token, or with the very one presented, and nothing binds the tokens
 * to the client (`cnf`). RFC 9700 §4.14.2: such refresh tokens must be rotated, so that a stolen one is
 * detected when both copies are used; ASVS 10.4.5. One finding per refresh token presented, however many
 * grants it made: one fact about one token.
 */
export const checkRefreshTokenNotRotated: LifecycleRule = (model, records, _policy, _signatures, index) => {
  // No token response in the capture (a token list): the record index is not built.
  if (model.families.length === 0) return [];
  const byFp = (index ?? createRuleIndex(model, records)).records;
  const byToken = new Map<string, Unrotated[]>();
  for (const family of model.families) {
    const found = unrotated(family, byFp);
    if (!found) continue;
    const fingerprint = family.refreshedWith ?? family.members[0]?.fingerprint ?? '';
    const list = byToken.get(fingerprint);
    if (list) list.push(found);
    else byToken.set(fingerprint, [found]);
  }
  return [...byToken].map(([fingerprint, grants]) => notRotatedHit(fingerprint, grants));
};

function notRotatedHit(fingerprint: string, grants: readonly Unrotated[]): CaptureHit {
  const { family } = grants[0] as Unrotated;
  const same = grants.every((g) => g.same);
  const mixed = !same && grants.some((g) => g.same);
  const when = family.issuedAt || 'time unknown';
  const grant =
    grants.length === 1
      ? `the refresh grant (request ${family.issuedBy} at ${when})`
      : `${grants.length} refresh grants with it (the first: request ${family.issuedBy} at ${when})`;
  const answer = same
    ? 'answered with the same refresh token it was given'
    : mixed
      ? 'answered without a new refresh token or with the same one, so the one presented stays in use'
      : 'answered without a new refresh token, so the one presented stays in use';
  return {
    ruleId: 'refresh-token-not-rotated',
    fingerprint,
    detail: `${grant} ${answer}: it is not rotated`,
    evidence: [
      { label: 'refresh grant', value: `request ${family.issuedBy} at ${when}` },
      ...(grants.length > 1 ? [{ label: 'refresh grants', value: String(grants.length) }] : []),
      { label: 'new refresh token', value: same ? 'the same one' : mixed ? 'none, or the same one' : 'none' },
    ],
  };
}
