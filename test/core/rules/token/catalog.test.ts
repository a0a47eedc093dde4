import { describe, expect, it } from 'vitest';
import { RULE_CATALOG } from '../../../../src/core/rules/catalog';
import { TOKEN_CATALOG } from '../../../../src/core/rules/catalog/token';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

describe('TOKEN_CATALOG', () => {
  it('has unique ids that no other catalog repeats', () => {
    const ids = TOKEN_CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(RULE_CATALOG.filter((r) => r.id === id)).toHaveLength(1);
  });

  it.each(TOKEN_CATALOG.map((r) => [r.id, r] as const))('%s is complete', (_, info) => {
    expect(info.title.length).toBeGreaterThan(5);
    expect(info.why.length).toBeGreaterThan(80);
    expect(SEVERITIES).toContain(info.severity);
    expect(info.scope).toBe('token');
    expect(info.references.length).toBeGreaterThan(0);
    for (const ref of info.references) {
      if (ref.standard === 'CWE') expect(ref.id).toMatch(/^CWE-\d+$/);
      else if (ref.standard === 'CVE') expect(ref.id).toMatch(/^CVE-\d{4}-\d+$/);
      else if (ref.standard.startsWith('RFC')) expect(ref.id).toMatch(/^(§[\d.]+|Appendix [A-Z]|Abstract)$/);
      else expect(ref.id.length).toBeGreaterThan(0);
    }
  });

  it('uses the RULES.md default severities', () => {
    const severity = Object.fromEntries(TOKEN_CATALOG.map((r) => [r.id, r.severity]));
    expect(severity).toMatchObject({
      'alg-none': 'critical',
      'sig-stripped': 'critical',
      'sig-ecdsa-zero': 'critical',
      'rsa-key-too-short': 'high',
      'hdr-jku-x5u': 'high',
      'exp-missing': 'high',
      'exp-expired': 'medium',
      'lifetime-excessive': 'low',
      'typ-not-explicit': 'info',
      'pii-oidc-claims': 'medium',
      'secret-in-payload': 'high',
      // RS256 is what nearly every identity provider signs with: context, raised by policy (issue 12).
      'alg-rsa-pkcs1v15': 'info',
      'alg-post-quantum': 'info',
      'at-profile-nonconformant': 'info',
      'logout-token-nonconformant': 'medium',
      'jwe-pbes2': 'low',
    });
  });

  it('cites RFC 8725 §3.1 and ASVS 9.1.2 for alg-none', () => {
    const refs = TOKEN_CATALOG.find((r) => r.id === 'alg-none')?.references;
    expect(refs).toContainEqual({ standard: 'RFC 8725', id: '§3.1' });
    expect(refs).toContainEqual({ standard: 'OWASP ASVS 5.0', id: '9.1.2' });
    expect(refs).toContainEqual({ standard: 'CWE', id: 'CWE-347' });
  });
});
