import type { Control } from '../types';
import { controlsOf } from './define';

/*
 * NIST SP 800-63B-4 sections and OWASP ASVS 5.0.0 requirements JWT Lens gives evidence for. Ids and
 * paraphrased titles from shared/COMPLIANCE.md (SP 800-63B-4 final, August 2025; OWASP/ASVS tag
 * v5.0.0_release). ASVS ids are cited as `v5.0.0-<id>`, as the ASVS asks.
 */

const sp63 = controlsOf('nist-800-63b');
const SESSION_SECRET =
  'whether the JWT is the session secret (then its lifetime is the session’s overall timeout; an access token may outlive the session, §5.1.2) and the documented reauthentication limits';

export const NIST_800_63B_CONTROLS: readonly Control[] = [
  sp63('§2.1.3', 'AAL1 reauthentication: overall timeout SHOULD be ≤ 30 days', SESSION_SECRET),
  sp63('§2.2.3', 'AAL2 reauthentication: overall timeout SHOULD be ≤ 24 h, inactivity ≤ 1 h', SESSION_SECRET),
  sp63(
    '§2.3.3',
    'AAL3 reauthentication: overall timeout SHALL be ≤ 12 h, inactivity ≤ 15 min',
    SESSION_SECRET,
  ),
  sp63(
    '§5.1',
    'Session bindings: not available to intermediaries, no HTTP fallback, invalidated at logout, not in local storage',
    'how session secrets are generated (approved RBG, ≥ 64 bits) and CSRF protection',
  ),
  sp63('§5.1.1', 'Browser cookies: Secure, HttpOnly, __Host- prefix, SameSite'),
  sp63('§5.2', 'Reauthentication: session ends when a timeout expires', 'the documented session limits'),
];

const asvs = controlsOf('asvs');
const VERIFIER =
  'the verifier’s configuration or a probe: a passive capture sees verification only when a bad token was sent';

export const ASVS_CONTROLS: readonly Control[] = [
  asvs('v5.0.0-3.3.1', 'Cookies have Secure (and a __Secure-/__Host- prefix)'),
  asvs('v5.0.0-3.3.2', 'Cookies have SameSite set for their purpose'),
  asvs('v5.0.0-3.3.4', 'Session cookies are HttpOnly'),
  asvs(
    'v5.0.0-7.3.2',
    'Absolute maximum session lifetime',
    'the session’s absolute lifetime beyond the token’s',
  ),
  asvs('v5.0.0-7.4.1', 'Session termination works for self-contained tokens', VERIFIER),
  asvs('v5.0.0-9.1.1', 'Token signature or MAC validated before the contents are trusted', VERIFIER),
  asvs('v5.0.0-9.1.2', 'Only allowlisted algorithms, never none', VERIFIER),
  asvs('v5.0.0-9.1.3', 'Key material only from trusted, pre-configured sources', VERIFIER),
  asvs('v5.0.0-9.2.1', 'Validity period (nbf, exp) enforced', VERIFIER),
  asvs('v5.0.0-9.2.2', 'Token type checked before use', VERIFIER),
  asvs('v5.0.0-9.2.3', 'Audience checked against an allowlist', VERIFIER),
  asvs(
    'v5.0.0-10.1.1',
    'Tokens reach only the components that need them',
    'the architecture (a backend-for-frontend keeps tokens from the browser)',
  ),
  asvs(
    'v5.0.0-10.4.5',
    'Refresh token replay mitigated (sender-constrained or rotated)',
    'whether refresh tokens are sender-constrained or reuse detection revokes the family',
  ),
  asvs(
    'v5.0.0-10.4.8',
    'Refresh tokens have an absolute expiry',
    'the authorization server’s refresh-token settings',
  ),
  asvs(
    'v5.0.0-11.2.3',
    'Cryptography gives at least 128-bit security',
    'the key sizes of keys not seen in the capture',
  ),
  asvs('v5.0.0-11.6.1', 'Only approved signature algorithms (Appendix C: RSASSA-PKCS1-v1_5 disallowed)'),
  asvs('v5.0.0-12.2.1', 'TLS for all client connections'),
  asvs(
    'v5.0.0-13.3.1',
    'Secrets held in a secrets manager',
    'the secrets-management setup; a capture shows only weak or published secrets',
  ),
  asvs('v5.0.0-14.2.1', 'No sensitive data or tokens in URLs'),
  asvs('v5.0.0-14.2.3', 'Sensitive data not sent to untrusted parties'),
  asvs('v5.0.0-14.2.6', 'Only the minimum sensitive data returned', 'which claims each recipient needs'),
  asvs('v5.0.0-14.3.2', 'Responses with sensitive data are not cached (no-store)'),
];
