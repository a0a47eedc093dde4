import type { RuleInfo } from '../../types';

/** "Who could mint this token?": HMAC secrets recovered offline from the token's own MAC. */
export const SECRETS_CATALOG: RuleInfo[] = [
  {
    id: 'hmac-weak-secret',
    title: 'HMAC secret is guessable',
    severity: 'critical',
    why:
      'The token’s MAC verifies with a secret found in a dictionary, derived from the capture itself (host names, ' +
      'issuer, claim values) or by brute force. Anyone holding one token can recover such a secret offline, with no ' +
      'request to the server, and then mint tokens with any claims the relying party will accept. HMAC keys must ' +
      'be random, at least as long as the hash output (256 bits for HS256), and never a password or a default; ' +
      'rotate the secret and invalidate tokens signed with it.',
    references: [
      { standard: 'RFC 8725', id: '§2.2' },
      { standard: 'RFC 8725', id: '§3.5' },
      { standard: 'RFC 7518', id: '§3.2' },
      { standard: 'RFC 7518', id: '§8.8' },
      { standard: 'RFC 7515', id: '§10.1' },
      { standard: 'OWASP ASVS 5.0', id: '11.2.3' },
      { standard: 'OWASP ASVS 5.0', id: '13.3.1' },
      { standard: 'OWASP JWT Cheat Sheet', id: 'Weak token secret' },
      { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
      { standard: 'CWE', id: 'CWE-1391' },
      { standard: 'CWE', id: 'CWE-521' },
      { standard: 'CWE', id: 'CWE-326' },
    ],
    scope: 'token',
  },
  {
    id: 'key-publicly-known',
    title: 'Signed with a published example key',
    severity: 'critical',
    why:
      'The signature verifies with a key or secret printed in a standard, a tutorial or a well-known debugger ' +
      '(RFC 7515 Appendix A, RFC 7520, RFC 8037, OpenID Connect Core Appendix A.7, jwt.io’s defaults). These are ' +
      'public test vectors: everyone has them, so anyone can mint tokens this service accepts. Replace the key ' +
      'with freshly generated material and invalidate every token signed with the old one.',
    references: [
      { standard: 'RFC 8725', id: '§3.5' },
      { standard: 'CWE', id: 'CWE-321' },
      { standard: 'CWE', id: 'CWE-798' },
    ],
    scope: 'token',
  },
];
