import type { Reference } from '../../../types';

/** Short constructors so catalog entries stay readable; each returns a plain `Reference`. */
export const rfc = (
  n: 6749 | 6750 | 7009 | 7515 | 7516 | 7518 | 7519 | 7797 | 8037 | 8725 | 9068 | 9449 | 9700 | 9864 | 9964,
  id: string,
): Reference => ({
  standard: `RFC ${n}`,
  id,
});
export const asvs = (id: string): Reference => ({ standard: 'OWASP ASVS 5.0', id });
export const cwe = (n: number): Reference => ({ standard: 'CWE', id: `CWE-${n}` });
export const cve = (id: string): Reference => ({ standard: 'CVE', id: `CVE-${id}` });
export const nist = (id: string): Reference => ({ standard: 'NIST SP 800-63B-4', id });
export const cheatSheet = (id: string): Reference => ({ standard: 'OWASP JWT Cheat Sheet', id });
export const apiTop10 = (id: string): Reference => ({ standard: 'OWASP API Top 10 2023', id });
export const oidc = (id: string): Reference => ({ standard: 'OIDC Core', id });
