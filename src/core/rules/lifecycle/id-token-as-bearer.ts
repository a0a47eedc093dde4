import type { LifecycleRule, TokenUse } from '../../lifecycle/types';
import type { CaptureHit, Sighting, TokenRecord } from '../../types';
import { hostOfIdentifier, registrableDomain } from '../context/hosts';
import { hostOf, isHeaderNamed } from '../context/sighting-facts';
import { describeUse, isIdToken, soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/**
 * The sites an ID token's `aud` names: a service it was minted for (an identity token some platforms issue
 * for one service). The issuer's own site is no exception: its UserInfo endpoint wants an access token too
 * (OIDC Core §5.3.1), and an issuer often shares its registrable domain with the APIs it serves.
 */
function ownSites(record: TokenRecord): Set<string> {
  const claims = soundClaims(record);
  const names = Array.isArray(claims?.aud) ? claims.aud : [claims?.aud];
  const sites = new Set<string>();
  for (const name of names) {
    const host = typeof name === 'string' ? hostOfIdentifier(name) : undefined;
    if (host) sites.add(registrableDomain(host));
  }
  return sites;
}

/** Presented as a credential in an `Authorization` header (Bearer, or any other scheme). */
function isBearerUse(sighting: Sighting | undefined): sighting is Sighting {
  return sighting?.where === 'request-header' && isHeaderNamed(sighting, 'authorization');
}

/**
 * `id-token-as-bearer` (medium): an ID token was sent in an `Authorization` header to an API. ID tokens
 * tell the client who signed in (OIDC Core §2); they are not access tokens: no scope, an audience that is
 * the client, and APIs that accept them take any client's login as authorization (RFC 9068 §5, RFC 8725
 * §2.8, ASVS 9.2.2). Not judged: requests to a site its `aud` names (an identity token minted for that
 * service, as some platforms issue), and logout or revocation requests.
 */
export const checkIdTokenAsBearer: LifecycleRule = (model, records, _policy, _signatures, index) => {
  // No token presented in a request (a token list): the record index is not built.
  if (model.uses.length === 0) return [];
  const {
    roles,
    records: byFp,
    sightingOf,
    events,
    uses: byToken,
  } = index ?? createRuleIndex(model, records);
  const hits: CaptureHit[] = [];
  for (const [fingerprint, uses] of byToken) {
    const record = byFp.get(fingerprint);
    if (!record || !isIdToken(record, roles)) continue;
    const sites = ownSites(record);
    const bearer = uses.filter((use: TokenUse) => {
      const sighting = sightingOf(use.sightingId);
      return (
        !events.has(use.requestId) && isBearerUse(sighting) && !sites.has(registrableDomain(hostOf(sighting)))
      );
    });
    const first = bearer[0];
    if (!first) continue;
    const accepted = bearer.filter((use) => use.verdict.verdict === 'accepted').length;
    hits.push({
      ruleId: 'id-token-as-bearer',
      fingerprint,
      detail:
        `the ID token was sent as a bearer credential in ${bearer.length === 1 ? '1 request' : `${bearer.length} requests`} ` +
        `to ${[...new Set(bearer.map((u) => u.service))].slice(0, 3).join(', ')} (${describeUse(first, sightingOf(first.sightingId))}); ` +
        `${accepted} accepted: ID tokens are for the client, an API should ask for an access token`,
      evidence: bearer
        .slice(0, 5)
        .map((use) => ({ label: 'bearer request', value: describeUse(use, sightingOf(use.sightingId)) })),
      sightingIds: bearer.map((use) => use.sightingId),
    });
  }
  return hits;
};
