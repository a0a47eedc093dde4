import type { RuleInfo } from '../../types';

/**
 * Signature verification with key sets seen in traffic or given by the user (`src/core/keys`).
 * `rsa-key-too-short` and `key-publicly-known` are reported here too but catalogued with the token and
 * secrets rules.
 */
export const SIGNATURES_CATALOG: RuleInfo[] = [
  {
    id: 'sig-verified',
    title: 'Signature verified',
    severity: 'info',
    why:
      'The signature verifies with a public key from a key set seen in the capture (a JWKS, tied to the issuer ' +
      'through its OpenID discovery document when that was seen too) or given by the auditor. This says who ' +
      'signed the token; it says nothing about whether the claims are acceptable, nor whether the server checks ' +
      'the signature. Nothing was fetched: "jku", "x5u" and "jwks_uri" are only matched against documents already ' +
      'in the capture.',
    references: [
      { standard: 'RFC 7515', id: '§5.2' },
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'OIDC Core', id: '§3.1.3.7' },
    ],
    scope: 'capture',
  },
  {
    id: 'sig-invalid',
    title: 'Signature does not verify with the issuer’s keys',
    severity: 'high',
    why:
      'None of the issuer’s public keys (the key set its discovery document points to, a key set on its own ' +
      'origin, the key its "kid" names, or keys the auditor supplied) verifies this signature. The token was ' +
      'altered, forged, or signed by a key the issuer does not publish. A server that accepts such a token does ' +
      'not verify signatures at all, which lets anyone mint tokens with any claims: that is reported once, as ' +
      'sig-invalid-accepted (critical), while this finding stays high.',
    references: [
      { standard: 'RFC 7515', id: '§5.2' },
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'RFC 7519', id: '§7.2' },
      { standard: 'OWASP ASVS 5.0', id: '9.1.1' },
      { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
      { standard: 'CWE', id: 'CWE-347' },
    ],
    scope: 'capture',
  },
  {
    id: 'sig-unverifiable',
    title: 'No key known to verify the signature',
    severity: 'info',
    why:
      'The token is signed with a public-key algorithm but no key that could verify it was seen: no key set from ' +
      'its issuer in the capture and none supplied. Its signature was therefore not checked. Capture the ' +
      'issuer’s "jwks_uri" (or its /.well-known/openid-configuration) in the traffic to check it; the jwt-lens ' +
      'command line also accepts the issuer’s public keys as a file.',
    references: [
      { standard: 'RFC 7515', id: '§5.2' },
      { standard: 'OIDC Core', id: '§3.1.3.7' },
    ],
    scope: 'capture',
  },
  {
    id: 'key-alg-mismatch',
    title: 'Key does not fit the token’s algorithm',
    severity: 'medium',
    why:
      'The key named by the token (or the one that verified it) is declared for something else: another key type ' +
      'or curve than the "alg" needs (a P-256 key with ES384), another "alg" than the token’s, or "use"/"key_ops" ' +
      'that exclude signature verification ("use": "enc"). One key should serve one algorithm and one purpose; ' +
      'verifiers that ignore these declarations are the ones algorithm-substitution attacks succeed against.',
    references: [
      { standard: 'RFC 8725', id: '§2.1' },
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'RFC 7518', id: '§3.4' },
      { standard: 'RFC 7515', id: '§4.1.1' },
      { standard: 'CWE', id: 'CWE-327' },
    ],
    scope: 'capture',
  },
  {
    id: 'alg-confusion-forged',
    title: 'HMAC token made with the issuer’s public key',
    severity: 'critical',
    why:
      'This HS256/384/512 token’s MAC verifies when the issuer’s public key — serialised as PEM, PKCS#1, JWK JSON or ' +
      'OpenSSH text — is used as the HMAC secret. The public key is public, so anyone can mint such tokens; they are ' +
      'accepted by verifiers that take the algorithm from the token header (CVE-2015-9235, CVE-2016-10555, ' +
      'CVE-2022-29217 and their kin). Pin the algorithm per key on the server and reject HS* for asymmetric keys.',
    references: [
      { standard: 'RFC 8725', id: '§2.1' },
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'OWASP ASVS 5.0', id: '9.1.2' },
      { standard: 'OWASP JWT Cheat Sheet', id: 'Key type confusion' },
      { standard: 'CWE', id: 'CWE-347' },
      { standard: 'CWE', id: 'CWE-327' },
      { standard: 'CWE', id: 'CWE-757' },
      { standard: 'CVE', id: 'CVE-2015-9235' },
      { standard: 'CVE', id: 'CVE-2016-10555' },
      { standard: 'CVE', id: 'CVE-2022-29217' },
      { standard: 'CVE', id: 'CVE-2023-48223' },
      { standard: 'CVE', id: 'CVE-2024-33663' },
    ],
    scope: 'capture',
  },
];
