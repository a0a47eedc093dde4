import type { LifecycleModel, LifecycleRule, TokenFamily } from '../../lifecycle/types';
import { claimsLayer } from '../../token/claims-layer';
import type { CaptureHit, Evidence, TokenRecord } from '../../types';
import { maskValue } from '../pii/mask';
import { soundClaims } from './lifecycle-facts';
import { oidcHalfHash } from './oidc-half-hash';
import { createRuleIndex } from './rule-index';

/**
 * The authorization code of the family's flow, when the capture saw it: the code its token request
 * exchanged (or its hybrid authorization response carried: `family.code`), else the code its
 * authorization request's redirect handed out.
 */
function codeOf(model: LifecycleModel, family: TokenFamily): string | undefined {
  if (family.code) return family.code;
  if (!family.authorization) return undefined;
  const code = model.authorizations.find((a) => a.requestId === family.authorization)?.code;
  return code || undefined;
}

interface Check {
  claim: 'at_hash' | 'c_hash';
  value: string;
  /** What the hash must bind, and how to name it. */
  bound: { text: string; name: string }[];
}

/** The hash claims of one ID token and what each must match; a claim with nothing to match is skipped. */
function checksOf(
  id: Record<string, unknown>,
  access: readonly TokenRecord[],
  code: string | undefined,
): Check[] {
  const checks: Check[] = [];
  if (typeof id.at_hash === 'string' && access.length > 0)
    checks.push({
      claim: 'at_hash',
      value: id.at_hash,
      bound: access.map((r) => ({ text: r.token.text, name: `access token ${r.token.fingerprint}` })),
    });
  if (typeof id.c_hash === 'string' && code)
    checks.push({ claim: 'c_hash', value: id.c_hash, bound: [{ text: code, name: 'authorization code' }] });
  return checks;
}

function mismatchHit(fingerprint: string, alg: string, check: Check, family: TokenFamily): CaptureHit {
  const first = check.bound[0] as { text: string; name: string };
  const expected = oidcHalfHash(first.text, alg, check.value) ?? '';
  const evidence: Evidence[] = [
    { label: check.claim, value: check.value },
    { label: `expected for the ${first.name}`, value: expected },
    { label: 'alg', value: alg },
  ];
  if (check.claim === 'c_hash')
    evidence.push({ label: 'code', value: maskValue(first.text), raw: first.text });
  return {
    ruleId: 'oidc-at-hash-mismatch',
    fingerprint,
    detail:
      `the ID token's ${check.claim} does not match the ${check.bound.map((b) => b.name).join(' or ')} issued with it ` +
      `(token response ${family.issuedBy} at ${family.issuedAt || 'time unknown'}; left half of the ${alg} hash, base64url): ` +
      `a client that checks it rejects the response, one that does not may be using a substituted ${check.claim === 'at_hash' ? 'access token' : 'code'}`,
    evidence,
  };
}

/**
 * `oidc-at-hash-mismatch` (high): an ID token's `at_hash` matches none of the access tokens issued with
 * it (OIDC Core §3.1.3.8, §3.2.2.9), or its `c_hash` does not match the authorization code of its flow
 * (§3.3.2.11). Each is the base64url of the left half of the hash that the ID token's `alg` names, over
 * the ASCII value. Algorithms whose hash is not known (`none`, Ed448, ML-DSA) are not judged.
 */
export const checkOidcAtHashMismatch: LifecycleRule = (model, records, _policy, _signatures, index) => {
  // No token response in the capture (a token list): the record index is not built.
  if (model.families.length === 0) return [];
  const byFp = (index ?? createRuleIndex(model, records)).records;
  const hits: CaptureHit[] = [];
  for (const family of model.families) {
    const members = (role: string) =>
      family.members.filter((m) => m.role === role).flatMap((m) => byFp.get(m.fingerprint) ?? []);
    const access = members('access');
    for (const id of members('id')) {
      const claims = soundClaims(id);
      // The layer that carries the claims is the one its hash claims were made for.
      const alg = claimsLayer(id.token).header?.alg;
      if (!claims || typeof alg !== 'string') continue;
      for (const check of checksOf(claims, access, codeOf(model, family))) {
        const matches = check.bound.some((b) => {
          const expected = oidcHalfHash(b.text, alg, check.value);
          return expected === undefined || expected === check.value;
        });
        if (!matches) hits.push(mismatchHit(id.token.fingerprint, alg, check, family));
      }
    }
  }
  return hits;
};
