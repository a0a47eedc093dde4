import type { RuleInfo } from '../../types';
import { apiTop10, asvs, cheatSheet, cve, cwe, rfc } from '../token/catalog/refs';

/** How every probe finding is established: shared by the explanations below. */
const PROVEN =
  'Proven by a probe: the command-line probe replayed a captured request to the origin that received it, ' +
  'and the answer matched the answer to the token as captured, not the answer to the same request ' +
  'without a token.';

/**
 * What a probe proved the server accepts (issue 15, evidence layer 4): the command-line probe replays one
 * captured request with tampered tokens. A refused probe is a pass: it feeds the compliance statuses.
 */
export const PROBE_CATALOG: RuleInfo[] = [
  {
    id: 'probe-alg-none-accepted',
    title: 'Server accepted an unsigned token (alg none)',
    severity: 'critical',
    why:
      'The server accepted the captured token with its alg set to none (in one of the spellings that fooled ' +
      'libraries comparing case-sensitively) and its signature removed. Anyone can then mint tokens with any ' +
      'claims. RFC 8725 requires verifiers to accept only the algorithms they expect and never none. ' +
      PROVEN,
    references: [
      rfc(8725, '§2.1'),
      rfc(8725, '§3.1'),
      rfc(7518, '§3.6'),
      rfc(7519, '§6.1'),
      asvs('9.1.2'),
      apiTop10('API2:2023'),
      cve('2015-9235'),
      cwe(347),
      cwe(327),
    ],
    scope: 'probe',
  },
  {
    id: 'probe-signature-not-verified',
    title: 'Server accepted a token whose signature does not verify',
    severity: 'critical',
    why:
      'The server accepted the captured token with its signature removed or one byte of it changed, or with ' +
      'a claim changed under the original signature: it does not verify signatures at all, so anyone can ' +
      'change the subject, the roles or the expiry of a token. Other forged tokens it accepted in the same ' +
      'run (alg none, a zero signature, an embedded key) follow from this and are listed with it. ' +
      PROVEN,
    references: [
      rfc(7515, '§5.2'),
      rfc(8725, '§3.1'),
      rfc(7519, '§7.2'),
      asvs('9.1.1'),
      apiTop10('API2:2023'),
      cwe(347),
    ],
    scope: 'probe',
  },
  {
    id: 'probe-psychic-signature-accepted',
    title: 'Server accepted an all-zero ECDSA signature (psychic signature)',
    severity: 'critical',
    why:
      'The server accepted the captured ES token with its signature replaced by zeros (r = s = 0), which ' +
      'Java 15 to 18 verified against any key and any message (CVE-2022-21449). ECDSA requires r and s in ' +
      '[1, n − 1]; a verifier that skips that check accepts a token anyone can forge. Update the runtime ' +
      'or the JOSE library. ' +
      PROVEN,
    references: [cve('2022-21449'), rfc(7518, '§3.4'), rfc(8725, '§3.4'), asvs('9.1.1'), cwe(347)],
    scope: 'probe',
  },
  {
    id: 'probe-embedded-jwk-trusted',
    title: 'Server trusted a key embedded in the token (jwk header)',
    severity: 'critical',
    why:
      'The server accepted a token signed with a key pair made on the spot, whose public key travelled in ' +
      'the token’s own jwk header (CVE-2018-0114). A verifier must take keys only from trusted, configured ' +
      'sources, never from the token it is verifying: otherwise anyone signs their own tokens. ' +
      PROVEN,
    references: [
      cve('2018-0114'),
      rfc(7515, '§4.1.3'),
      rfc(8725, '§3.10'),
      asvs('9.1.3'),
      cheatSheet('Trusting key material named in the token header'),
      cwe(347),
    ],
    scope: 'probe',
  },
  {
    id: 'probe-alg-confusion-accepted',
    title: 'Server accepted an HS256 token keyed with its public key (algorithm confusion)',
    severity: 'critical',
    why:
      'The server accepted a token switched to HS256 whose MAC key is the issuer’s public key, seen in the ' +
      'capture, serialised as libraries read it (PEM, DER or JWK). The verifier takes the algorithm from the ' +
      'token and feeds its configured public key to HMAC (CVE-2015-9235, CVE-2016-10555): anyone holding the ' +
      'public key, which is public, can mint tokens. One key must serve one algorithm, fixed by the verifier. ' +
      PROVEN,
    references: [
      rfc(8725, '§2.1'),
      rfc(8725, '§3.1'),
      asvs('9.1.2'),
      cheatSheet('Key type confusion'),
      cve('2015-9235'),
      cve('2016-10555'),
      cwe(347),
      cwe(757),
    ],
    scope: 'probe',
  },
  {
    id: 'probe-kid-injection-accepted',
    title: 'Server accepted a token whose kid names an empty file',
    severity: 'critical',
    why:
      'The server accepted a token whose kid points through path traversal at /dev/null, with a MAC keyed by ' +
      'the empty secret: it reads its HMAC key from the file the kid names. The kid is attacker input; used ' +
      'as a path, a query or a command it lets anyone choose the key (RFC 8725 §3.10). ' +
      PROVEN,
    references: [rfc(7515, '§4.1.4'), rfc(8725, '§3.10'), asvs('9.1.3'), cwe(22), cwe(347)],
    scope: 'probe',
  },
  {
    id: 'probe-expired-accepted',
    title: 'Server accepted an expired token',
    severity: 'high',
    why:
      'With the token’s weak HMAC secret recovered, the probe re-signed it with an expiry an hour past, and ' +
      'the server accepted it. A verifier must refuse a token after its exp (RFC 7519, ASVS 9.2.1), allowing ' +
      'at most a few minutes of clock skew: a stolen token otherwise works forever. ' +
      PROVEN,
    references: [rfc(7519, '§4.1.4'), asvs('9.2.1'), apiTop10('API2:2023'), cwe(613)],
    scope: 'probe',
  },
  {
    id: 'probe-nbf-ignored',
    title: 'Server accepted a token before its not-before time',
    severity: 'high',
    why:
      'With the token’s weak HMAC secret recovered, the probe re-signed it with a not-before time (nbf) an ' +
      'hour ahead, and the server accepted it. A verifier must refuse a token before its nbf (RFC 7519, ASVS ' +
      '9.2.1): tokens issued for later are usable now. ' +
      PROVEN,
    references: [rfc(7519, '§4.1.5'), asvs('9.2.1'), cwe(345)],
    scope: 'probe',
  },
  {
    id: 'probe-audience-ignored',
    title: 'Server accepted a token issued for another audience',
    severity: 'high',
    why:
      'With the token’s weak HMAC secret recovered, the probe re-signed it for another audience (aud), and ' +
      'the server accepted it. A service that does not check that it is the audience accepts tokens the ' +
      'issuer gave to other services, so one compromised or malicious service can replay its tokens against ' +
      'this one (RFC 7519 §4.1.3, RFC 8725 §3.9, ASVS 9.2.3). ' +
      PROVEN,
    references: [rfc(7519, '§4.1.3'), rfc(8725, '§3.9'), asvs('9.2.3'), asvs('10.3.1'), cwe(345)],
    scope: 'probe',
  },
];
