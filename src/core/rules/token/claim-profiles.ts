import type { JsonObject, TokenPurpose } from '../../types';
import { has } from './token-parts';

/** The event a Back-Channel Logout token carries (OpenID Connect Back-Channel Logout 1.0 §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** True when `claims.events` holds the back-channel logout event. */
export function hasLogoutEvent(claims: JsonObject | undefined): boolean {
  const events = claims?.events;
  return typeof events === 'object' && events !== null && Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT);
}

/** What a token profile says of the registered claims the missing-claim rules check. */
export interface ClaimProfile {
  /** `RFC 9068 §2.2`: where the profile is written, quoted in findings. */
  source: string;
  /** Token kind in words: `access tokens`. */
  kind: string;
  /** Claims the profile makes REQUIRED. */
  required: readonly string[];
  /** Claims the profile leaves OPTIONAL (or does not define): their absence is not a finding. */
  optional: readonly string[];
}

/** The profiles of the token purposes; `unknown` tokens have none, and the rules' defaults apply. */
const PROFILES: Readonly<Partial<Record<TokenPurpose, ClaimProfile>>> = {
  access: {
    source: 'RFC 9068 §2.2',
    kind: 'JWT access tokens',
    required: ['iss', 'exp', 'aud', 'sub', 'iat', 'jti'],
    optional: [],
  },
  id: {
    source: 'OIDC Core §2',
    kind: 'ID tokens',
    required: ['iss', 'sub', 'aud', 'exp', 'iat'],
    // OIDC Core §2 lists the ID Token claims; `jti` is not among them (RFC 7519 §4.1.7: OPTIONAL).
    optional: ['jti'],
  },
  refresh: {
    source: 'RFC 6749 §1.5',
    kind: 'refresh tokens',
    required: [],
    // A refresh token is read only by the authorization server that issued it (RFC 6749 §1.5): no standard
    // requires any claim in it, and an opaque one shows none. Its lifetime is judged by
    // `refresh-token-exposed` (no exp) and `lifetime-excessive` (the policy's refresh maximum).
    optional: ['iss', 'sub', 'aud', 'jti', 'iat', 'exp'],
  },
  logout: {
    source: 'OIDC Back-Channel Logout 1.0 §2.4',
    kind: 'logout tokens',
    required: ['iss', 'aud', 'iat', 'exp', 'jti'],
    // `sub` is OPTIONAL when `sid` is there: a logout token must carry one of them (see `missingNeeded`).
    optional: ['sub'],
  },
  dpop: {
    source: 'RFC 9449 §4.2',
    kind: 'DPoP proofs',
    // `htm` and `htu` are required too, and checked by `dpop-proof-nonconformant`.
    required: ['jti', 'iat'],
    // A proof is not a bearer token: it is bound to one request by htm/htu, to a time window by iat and
    // to one use by jti (RFC 9449 §4.2, §11.1); it has no issuer, subject, audience or expiry to check.
    optional: ['iss', 'sub', 'aud', 'exp'],
  },
};

/** The profile of a token purpose, if the standards define one. */
export function claimProfile(purpose: TokenPurpose): ClaimProfile | undefined {
  return PROFILES[purpose];
}

/**
 * Whether a missing `claim` is a finding for a token of `purpose`: `false` when the purpose's profile
 * leaves it optional (a logout token's `sub` only when `sid` stands in for it), else `true`.
 */
export function missingMatters(purpose: TokenPurpose, claim: string, claims: JsonObject): boolean {
  const profile = PROFILES[purpose];
  if (!profile?.optional.includes(claim)) return true;
  return purpose === 'logout' && claim === 'sub' && !has(claims, 'sid');
}
