import type { ExchangeFacts, LifecycleRule, TokenFamily } from '../../lifecycle/types';
import type { CaptureHit } from '../../types';
import { maskValue } from '../pii/mask';
import { soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/**
 * The authorization request whose code issued the family: only a family issued by the authorization code
 * grant answers it. A refreshed ID token should carry no nonce (OIDC Core §12.2, errata set 2), so
 * families of a refresh grant are not judged here.
 */
function authorizationOf(
  family: TokenFamily,
  authorizations: readonly ExchangeFacts[],
): ExchangeFacts | undefined {
  if (!family.authorization || family.parent || family.refreshedWith || family.grantType === 'refresh_token')
    return undefined;
  return authorizations.find((a) => a.requestId === family.authorization);
}

/**
 * `oidc-nonce-mismatch` (high): the authorization request sent a `nonce`, and an ID token issued for that
 * flow carries another one, or none (OIDC Core §3.1.3.7 step 11, §15.5.2). The nonce binds the ID token
 * to the browser session that asked for it; a client that does not check it accepts replayed or injected
 * ID tokens. Values are masked in the detail.
 */
export const checkOidcNonceMismatch: LifecycleRule = (model, records, _policy, _signatures, index) => {
  // No token response in the capture (a token list): the record index is not built.
  if (model.families.length === 0) return [];
  const byFp = (index ?? createRuleIndex(model, records)).records;
  const hits: CaptureHit[] = [];
  for (const family of model.families) {
    const authorization = authorizationOf(family, model.authorizations);
    const sent = authorization?.authorization?.nonce;
    if (!authorization || !sent) continue;
    for (const member of family.members) {
      const record = member.role === 'id' ? byFp.get(member.fingerprint) : undefined;
      const claims = record ? soundClaims(record) : undefined;
      if (!claims || claims.nonce === sent) continue;
      const got = claims.nonce;
      const what =
        got === undefined
          ? 'carries no nonce'
          : `carries nonce ${typeof got === 'string' ? maskValue(got) : 'of another type'}`;
      hits.push({
        ruleId: 'oidc-nonce-mismatch',
        fingerprint: member.fingerprint,
        detail:
          `the authorization request (${authorization.requestId} at ${authorization.startedAt || 'time unknown'}) sent ` +
          `nonce ${maskValue(sent)}, but the ID token issued for that flow (token response ${family.issuedBy}) ${what}`,
        evidence: [
          { label: 'nonce sent', value: maskValue(sent), raw: sent },
          {
            label: 'nonce in ID token',
            value: typeof got === 'string' ? maskValue(got) : got === undefined ? 'absent' : 'not a string',
            ...(typeof got === 'string' ? { raw: got } : {}),
          },
        ],
      });
    }
  }
  return hits;
};
