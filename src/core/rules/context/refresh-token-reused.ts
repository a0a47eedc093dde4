import type { CaptureHit, CaptureRule, Sighting } from '../../types';
import {
  countRequests,
  describeRequest,
  firstDistinct,
  isPresented,
  isSuccess,
  unique,
} from './sighting-facts';

/**
 * A refresh cookie is sent with every matching request; only requests to a token endpoint count as use:
 * a path segment such as `token`, `refresh`, `refresh-token`, `oauth2`, `auth` (`/oauth/token`,
 * `/api/auth/refresh`), not any path that merely contains the word (`/api/debug-tokens`, `/author`).
 */
const TOKEN_SEGMENT = /^(?:(?:access|refresh)?[-_]?tokens?|refresh|oauth2?|auth)$/i;

function isTokenEndpoint(url: string): boolean {
  const path = (url.split(/[?#]/)[0] ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.split('/').some((segment) => TOKEN_SEGMENT.test(segment));
}

function isRefreshUse(s: Sighting): boolean {
  if (!isPresented(s) || !isSuccess(s.status) || isRevocationOrIntrospection(s)) return false;
  return s.where !== 'request-cookie' || isTokenEndpoint(s.url);
}

/**
 * The form parameter `token` is how a client revokes (RFC 7009 §2.1) or introspects (RFC 7662 §2.1) a
 * token: revoking a refresh token after its one use is what rotation-minded clients do, not a reuse.
 */
function isRevocationOrIntrospection(s: Sighting): boolean {
  return s.where === 'request-body' && s.name === 'token';
}

/**
 * `refresh-token-reused` (medium): the same refresh token was presented in two or more requests that
 * were each answered 2xx, so it was not rotated on use (or rotation is not enforced): a stolen copy stays
 * usable (ASVS 10.4.5, RFC 9700 §4.14). Malformed tokens are skipped: a truncated copy in a HAR proves nothing.
 * Opaque refresh tokens are judged like JWT ones: reuse is seen from the requests, not the token's content.
 */
export const checkRefreshTokenReused: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const record of records) {
    if (record.purpose !== 'refresh' || record.token.kind === 'malformed') continue;
    const uses = record.sightings.filter(isRefreshUse);
    const requests = unique(uses.map((s) => `${s.requestId}\u0000${s.startedAt}\u0000${s.url}`));
    if (requests.length < 2) continue;
    hits.push({
      ruleId: 'refresh-token-reused',
      fingerprint: record.token.fingerprint,
      detail: `the same refresh token was accepted in ${countRequests(uses)} (${describeRequest(uses[0] as Sighting)} first): it is not rotated on use`,
      evidence: firstDistinct(uses, (s) => `${s.startedAt || '(time unknown)'} ${describeRequest(s)}`, 5).map(
        (value) => ({ label: 'presented', value }),
      ),
      sightingIds: uses.map((s) => s.id),
    });
  }
  return hits;
};
