import type { Control } from '../types';
import { controlsOf } from './define';
import { CHANGE_RECORDS } from './regulations';

/*
 * ISO/IEC 27001:2022 Annex A and NIST SP 800-53 Rev. 5 controls JWT Lens gives evidence for. Ids and
 * paraphrased titles from shared/COMPLIANCE.md (prowler iso27001_2022_aws.json; usnistgov/oscal-content).
 * ISO texts are copyrighted: ids and short titles only.
 */

const iso = controlsOf('iso27001');
const ISMS = 'the organisation’s topic-specific policy and procedures for it';

export const ISO27001_CONTROLS: readonly Control[] = [
  iso('5.14', 'Information transfer', `${ISMS} (transfer rules and agreements)`),
  iso('5.17', 'Authentication information', `${ISMS} (allocation and management of secrets and keys)`),
  iso('5.34', 'Privacy and protection of PII', 'the PII inventory and the legal requirements that apply'),
  iso(
    '8.5',
    'Secure authentication',
    'server-side token verification (shown passively only for bad tokens that were sent)',
  ),
  iso('8.11', 'Data masking', `${ISMS} (which data must be masked, and where)`),
  iso('8.12', 'Data leakage prevention', 'the leakage-prevention measures beyond the captured traffic'),
  iso('8.24', 'Use of cryptography', `${ISMS} (rules for cryptography and key management)`),
  iso('8.26', 'Application security requirements', 'the documented application security requirements'),
  iso('8.32', 'Change management', CHANGE_RECORDS),
];

const sp53 = controlsOf('nist-800-53');
const SERVER_SIDE =
  'server-side verification settings (a passive capture shows them only when a bad token was sent and accepted)';

export const NIST_800_53_CONTROLS: readonly Control[] = [
  sp53('AC-12', 'Session termination', 'the conditions that end a session and their configuration'),
  sp53('CM-3', 'Configuration change control', CHANGE_RECORDS),
  sp53('CM-6', 'Configuration settings', 'the documented configuration settings the policy file stands for'),
  sp53('IA-2', 'Identification and authentication (organizational users)', SERVER_SIDE),
  sp53(
    'IA-5(1)',
    'Authenticator management: password-based authentication',
    'password storage and the password policy',
  ),
  sp53(
    'IA-13(1)',
    'Identity providers and authorization servers: protection of cryptographic keys',
    'how signing keys are generated, stored and rotated (a capture shows only weak or published keys)',
  ),
  sp53(
    'IA-13(2)',
    'Identity providers and authorization servers: verification of identity assertions and access tokens',
    SERVER_SIDE,
  ),
  sp53(
    'IA-13(3)',
    'Identity providers and authorization servers: token management',
    'token issuance, lifetime and revocation settings at the identity provider',
  ),
  sp53('SC-8', 'Transmission confidentiality and integrity'),
  sp53('SC-8(1)', 'Transmission confidentiality and integrity: cryptographic protection'),
  sp53('SC-12', 'Cryptographic key establishment and management', 'the key management procedures'),
  sp53('SC-13', 'Cryptographic protection', 'the organisation-defined types of cryptography required'),
  sp53('SC-23', 'Session authenticity', 'the server’s session handling beyond what the client sends'),
  sp53(
    'SC-23(1)',
    'Session authenticity: invalidate session identifiers at logout',
    'a replay of a token after logout (a probe): the capture shows invalidation only if the client sent the token again',
  ),
  sp53('SI-10', 'Information input validation', 'how the verifier handles the header values'),
  sp53(
    'SI-12(1)',
    'Information management and retention: limit personally identifiable information elements',
    'which PII elements the organisation has defined as needed',
  ),
];
