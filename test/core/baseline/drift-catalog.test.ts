import { describe, expect, it } from 'vitest';
import { DRIFT_RULES } from '../../../src/core/baseline/drift';
import { RULE_CATALOG } from '../../../src/core/rules/catalog';

/** Issue 16's ids and severities; the tiered ones list their lowest tier (hits carry the higher one). */
const ISSUE_16: Record<string, string> = {
  'drift-new-issuer': 'medium',
  'drift-alg-changed': 'low', // high when it weakens: asymmetric → HMAC, anything → none
  'drift-new-key-id': 'info',
  'drift-claim-added': 'low', // high when the new claim is personal data or a secret
  'drift-claim-missing': 'medium',
  'drift-claim-type-changed': 'low',
  'drift-audience-changed': 'medium',
  'drift-lifetime-increased': 'medium',
  'drift-new-recipient-host': 'medium',
  'drift-cookie-weakened': 'medium',
  'drift-transport-downgraded': 'high',
  'drift-issuance-rate': 'low',
  'drift-rejections-increased': 'low',
};

describe('drift catalog', () => {
  it('has exactly the 13 drift ids of issue 16, each with a rule, scope baseline and the issue’s severity', () => {
    const entries = RULE_CATALOG.filter((info) => info.scope === 'baseline');
    expect(Object.fromEntries(entries.map((info) => [info.id, info.severity]))).toEqual(ISSUE_16);
    expect(Object.keys(DRIFT_RULES)).toEqual(Object.keys(ISSUE_16));
    for (const info of entries) expect(info.references.length, info.id).toBeGreaterThan(0);
  });
});
