import type { RuleInfo } from '../../types';

/** Rules only the extension can observe (the page's own storage is not part of a HAR). */
export const PANEL_CATALOG: RuleInfo[] = [
  {
    id: 'token-in-web-storage',
    title: 'Token kept in web storage',
    severity: 'medium',
    why:
      'localStorage and sessionStorage are readable by every script that runs on the origin, so a single XSS ' +
      'flaw or a compromised third-party script can read the token and replay it from anywhere. NIST SP 800-63B-4 ' +
      'says session secrets should not be kept in HTML5 storage; an HttpOnly, Secure cookie (or a backend-for-' +
      'frontend) keeps the token out of reach of page scripts.',
    references: [
      { standard: 'NIST SP 800-63B-4', id: '§5.1' },
      { standard: 'OWASP ASVS 5.0', id: '14.3.3' },
      { standard: 'OWASP ASVS 5.0', id: '10.1.1' },
      { standard: 'OWASP JWT Cheat Sheet', id: 'Token storage on client side' },
      { standard: 'CWE', id: 'CWE-922' },
    ],
    scope: 'context',
  },
];
