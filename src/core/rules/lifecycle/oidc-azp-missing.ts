import type { LifecycleRule } from '../../lifecycle/types';
import type { CaptureHit } from '../../types';
import { isIdToken, soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';

/**
 * `oidc-azp-missing` (low): an ID token names several distinct audiences and no `azp`. OIDC Core 1.0
 * §3.1.3.7 step 4 (as published in 2014 and in errata set 1) has the client check that `azp` is present
 * then: without it nothing says which of the audiences the token was issued to, so any of them can pass
 * it to the others as if it were theirs. Errata set 2 (2023) leaves `azp` to extensions, hence low.
 */
export const checkOidcAzpMissing: LifecycleRule = (model, records, _policy, _signatures, index) => {
  const { roles } = index ?? createRuleIndex(model, records);
  const hits: CaptureHit[] = [];
  for (const record of records) {
    if (!isIdToken(record, roles)) continue;
    const claims = soundClaims(record);
    const aud = claims?.aud;
    if (!claims || !Array.isArray(aud) || Object.hasOwn(claims, 'azp')) continue;
    const audiences = [...new Set(aud.filter((a): a is string => typeof a === 'string' && a !== ''))];
    if (audiences.length < 2) continue;
    hits.push({
      ruleId: 'oidc-azp-missing',
      fingerprint: record.token.fingerprint,
      detail: `the ID token names ${audiences.length} audiences (${audiences.slice(0, 3).join(', ')}${audiences.length > 3 ? ', …' : ''}) and no azp, so it does not say which client it was issued to`,
      evidence: [{ label: 'aud', value: audiences.slice(0, 5).join(', ') }],
    });
  }
  return hits;
};
