import { describe, expect, it } from 'vitest';
import { CONTEXT_CATALOG } from '../../../../src/core/rules/catalog/context';

/** Every id the context and capture rules emit, except `aud-missing` (a token rule's id they escalate). */
const IDS = [
  'transport-cleartext',
  'token-in-url',
  'cookie-no-httponly',
  'cookie-no-secure',
  'cookie-samesite-weak',
  'token-response-cacheable',
  'refresh-token-exposed',
  'token-third-party-leak',
  'alg-none-accepted',
  'exp-expired-accepted',
  'refresh-token-reused',
  'alg-confusion-indicator',
  'basic-auth-credentials',
  'credentials-in-url',
  'credentials-in-har',
];

describe('CONTEXT_CATALOG', () => {
  it('has one entry per rule id, no more, no duplicates', () => {
    expect(CONTEXT_CATALOG.map((r) => r.id).sort()).toEqual([...IDS].sort());
  });

  it('gives every rule a title, a paragraph of why and references', () => {
    for (const info of CONTEXT_CATALOG) {
      expect(info.title.length, info.id).toBeGreaterThan(10);
      expect(info.why.length, info.id).toBeGreaterThan(120);
      expect(info.references.length, info.id).toBeGreaterThan(0);
      for (const ref of info.references) expect(ref.id, info.id).not.toBe('');
    }
  });

  it('uses the RULES.md default severities', () => {
    const severity = Object.fromEntries(CONTEXT_CATALOG.map((r) => [r.id, r.severity]));
    expect(severity).toMatchObject({
      'transport-cleartext': 'high',
      'token-in-url': 'high',
      'cookie-no-httponly': 'medium',
      'cookie-no-secure': 'medium',
      'cookie-samesite-weak': 'low',
      'token-response-cacheable': 'low',
      'refresh-token-exposed': 'medium',
      'token-third-party-leak': 'medium',
      'alg-none-accepted': 'critical',
      'exp-expired-accepted': 'high',
      'refresh-token-reused': 'medium',
      'alg-confusion-indicator': 'high',
      'basic-auth-credentials': 'medium',
      'credentials-in-url': 'high',
      'credentials-in-har': 'low',
    });
  });

  it('cites the catalog references RULES.md names', () => {
    const refs = (id: string) => CONTEXT_CATALOG.find((r) => r.id === id)?.references ?? [];
    expect(refs('cookie-no-httponly')).toContainEqual({ standard: 'OWASP ASVS 5.0', id: '3.3.4' });
    expect(refs('cookie-no-httponly')).toContainEqual({ standard: 'CWE', id: 'CWE-1004' });
    expect(refs('transport-cleartext')).toContainEqual({ standard: 'RFC 6750', id: '§5.3' });
    expect(refs('cookie-no-secure')).toContainEqual({ standard: 'NIST SP 800-63B-4', id: '§5.1.1' });
    expect(refs('refresh-token-reused')).toContainEqual({ standard: 'RFC 9700', id: '§4.14' });
    expect(refs('refresh-token-reused')).toContainEqual({ standard: 'OWASP ASVS 5.0', id: '10.4.5' });
  });
});
