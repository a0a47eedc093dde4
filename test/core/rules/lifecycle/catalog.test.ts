import { describe, expect, it } from 'vitest';
import { ruleInfo } from '../../../../src/core/rules/catalog';
import { LIFECYCLE_CATALOG } from '../../../../src/core/rules/catalog/lifecycle';
import { LIFECYCLE_RULES } from '../../../../src/core/rules/lifecycle';

/** The two escalations issue 13 moved onto the model: their catalog entries stay with the capture rules. */
const MOVED = ['alg-none-accepted', 'exp-expired-accepted'];

/** The rule id a lifecycle check reports, from its function's name (`checkJtiReused` → `jti-reused`). */
function idOf(rule: { name: string }): string {
  return rule.name
    .replace(/^check/, '')
    .replace(/[A-Z]/g, (c, i: number) => `${i ? '-' : ''}${c.toLowerCase()}`);
}

/** The ids and severities issue 13 fixes for the lifecycle rules. */
const SEVERITIES = {
  'token-accepted-after-logout': 'high',
  'nbf-future-accepted': 'high',
  'sig-invalid-accepted': 'critical',
  'validation-inconsistent': 'high',
  'jti-reused': 'medium',
  'refresh-token-not-rotated': 'medium',
  'token-lifetime-mismatch': 'low',
  'oidc-at-hash-mismatch': 'high',
  'oidc-nonce-mismatch': 'high',
  'oidc-azp-missing': 'low',
  'id-token-as-bearer': 'medium',
};

describe('LIFECYCLE_CATALOG', () => {
  it('has exactly the issue 13 ids, with their severities, one rule each', () => {
    expect(Object.fromEntries(LIFECYCLE_CATALOG.map((r) => [r.id, r.severity]))).toEqual(SEVERITIES);
    expect(LIFECYCLE_CATALOG).toHaveLength(Object.keys(SEVERITIES).length);
  });

  it('runs one rule per lifecycle catalog entry, plus the two moved escalations catalogued elsewhere', () => {
    const ids = LIFECYCLE_RULES.map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...Object.keys(SEVERITIES), ...MOVED].sort());
    for (const id of MOVED) {
      expect(ruleInfo(id)?.scope, id).toBe('capture');
      expect(
        LIFECYCLE_CATALOG.some((r) => r.id === id),
        id,
      ).toBe(false);
    }
  });

  it('gives every rule a title, a paragraph of why, references and the capture scope', () => {
    for (const info of LIFECYCLE_CATALOG) {
      expect(info.title.length, info.id).toBeGreaterThan(10);
      expect(info.why.length, info.id).toBeGreaterThan(200);
      expect(info.references.length, info.id).toBeGreaterThan(1);
      expect(info.scope, info.id).toBe('capture');
    }
  });

  it('maps the rules to the standards issue 13 names', () => {
    const refs = (id: string) => LIFECYCLE_CATALOG.find((r) => r.id === id)?.references ?? [];
    expect(refs('refresh-token-not-rotated')).toContainEqual({ standard: 'RFC 9700', id: '§4.14.2' });
    expect(refs('token-accepted-after-logout')).toContainEqual({ standard: 'RFC 7009', id: '§2' });
    expect(refs('oidc-at-hash-mismatch')).toContainEqual({ standard: 'OIDC Core', id: '§3.3.2.11' });
    expect(refs('oidc-nonce-mismatch')).toContainEqual({ standard: 'OIDC Core', id: '§3.1.3.7' });
    expect(refs('sig-invalid-accepted')).toContainEqual({ standard: 'CWE', id: 'CWE-347' });
  });
});
