import type { EvidenceKind, MappingCondition } from './evidence-kinds';
import type { FrameworkId } from './types';

/** One cell of the table: a control a rule gives evidence for, directly or partly, maybe under a condition. */
export interface MappingCell {
  framework: FrameworkId;
  control: string;
  strength: 'direct' | 'partial';
  when?: MappingCondition;
}

/** A rule's row: what it looks at, and the controls it speaks to. */
export interface RuleRow {
  evidence: EvidenceKind;
  controls: readonly MappingCell[];
}

const direct = (framework: FrameworkId, control: string, when?: MappingCondition): MappingCell =>
  when ? { framework, control, strength: 'direct', when } : { framework, control, strength: 'direct' };
const partial = (framework: FrameworkId, control: string, when?: MappingCondition): MappingCell =>
  when ? { framework, control, strength: 'partial', when } : { framework, control, strength: 'partial' };

/*
 * Shared groups (shared/COMPLIANCE.md "Mapping guidance"). A rule judging a token alone cannot show what
 * a server did with it, so it maps `partial` to verification controls; `direct` is kept for rules whose
 * finding is the violation itself (an unencrypted request, a cookie without Secure, a token accepted
 * after logout). A `partial` finding leaves its control `partial`, never `fail`.
 */
const TOKEN_INTEGRITY: readonly MappingCell[] = [
  partial('asvs', 'v5.0.0-9.1.1'),
  partial('pci-dss', '6.2.4'),
  partial('hipaa', '164.312(d)'),
  partial('gdpr', 'Art. 32(1)(b)'),
  partial('soc2', 'CC6.1'),
  partial('iso27001', '8.5'),
  partial('iso27001', '8.26'),
  partial('nist-800-53', 'IA-13(2)'),
];

/** A server accepted a token it should have refused: authentication controls, seen operating wrongly. */
const ACCEPTED: readonly MappingCell[] = [
  direct('nist-800-53', 'IA-13(2)'),
  partial('nist-800-53', 'IA-2'),
  partial('pci-dss', '8.3.1'),
  partial('hipaa', '164.312(d)'),
  partial('soc2', 'CC6.1'),
  partial('iso27001', '8.5'),
];

/** Accepted without a valid signature: the signature controls fail outright. */
const ACCEPTED_UNSIGNED: readonly MappingCell[] = [
  direct('asvs', 'v5.0.0-9.1.1'),
  direct('nist-800-53', 'IA-13(2)'),
  partial('nist-800-53', 'IA-2'),
  direct('pci-dss', '8.3.1'),
  partial('pci-dss', '6.2.4'),
  direct('hipaa', '164.312(d)'),
  partial('gdpr', 'Art. 32(1)(b)'),
  direct('soc2', 'CC6.1'),
  partial('iso27001', '8.5'),
  partial('iso27001', '8.26'),
];

/** How long a token lives: NIST reauthentication (under the policy's AAL), ASVS absolute lifetime, idle timeouts only partly. */
const LIFETIME: readonly MappingCell[] = [
  partial('asvs', 'v5.0.0-7.3.2'),
  partial('nist-800-53', 'AC-12'),
  partial('nist-800-53', 'IA-13(3)'),
  partial('pci-dss', '8.2.8'),
  partial('hipaa', '164.312(a)(2)(iii)'),
];

const PERSONAL_DATA: readonly MappingCell[] = [
  partial('gdpr', 'Art. 5(1)(c)'),
  partial('gdpr', 'Art. 25'),
  partial('hipaa', '164.502(b)'),
  partial('soc2', 'C1.1'),
  partial('iso27001', '5.34'),
  partial('iso27001', '8.11'),
  partial('iso27001', '8.12'),
  partial('nist-800-53', 'SI-12(1)'),
  partial('asvs', 'v5.0.0-14.2.6'),
];

const KEY_SECRET: readonly MappingCell[] = [
  direct('nist-800-53', 'IA-13(1)'),
  partial('nist-800-53', 'SC-12'),
  partial('asvs', 'v5.0.0-13.3.1'),
  partial('iso27001', '5.17'),
  partial('iso27001', '8.24'),
  partial('soc2', 'CC6.1'),
  partial('pci-dss', '6.2.4'),
  partial('hipaa', '164.312(d)'),
];

/**
 * A drift from the reviewed baseline is a change to how tokens are issued or carried that reached the
 * captured system (shared/COMPLIANCE.md "Drift"): it bears on change control, whose approval records a
 * capture cannot see, so only partly. The state the change led to (a cleartext request, a cookie without
 * HttpOnly, personal data in a claim) is mapped through the rule that judges that state.
 */
const CHANGE: readonly MappingCell[] = [
  partial('nist-800-53', 'CM-3'),
  partial('pci-dss', '6.5.1'),
  partial('soc2', 'CC8.1'),
  partial('iso27001', '8.32'),
];
const DRIFT: RuleRow = { evidence: 'baseline', controls: CHANGE };

const AAL_SECTIONS = ['§2.1.3', '§2.2.3', '§2.3.3'] as const;
/**
 * Cleartext that stays on loopback hosts never leaves the machine (the rules grade it low): no transport
 * control fails on it. ASVS 3.3.1 also asks for a cookie prefix, so it fails on any host.
 */
const LEFT: MappingCondition = 'off-loopback';

/** Every rule that gives evidence for a control. Ids of rules not (yet) in the catalog are harmless. */
export const RULE_MAPPINGS: Readonly<Record<string, RuleRow>> = {
  // Seen alone, an unsigned token may be one a tester crafted and the server refused: the verifier
  // controls fail on `alg-none-accepted`, not here.
  'alg-none': {
    evidence: 'signed',
    controls: [
      partial('asvs', 'v5.0.0-9.1.2'),
      ...TOKEN_INTEGRITY,
      partial('iso27001', '8.24'),
      partial('nist-800-53', 'SC-13'),
    ],
  },
  'sig-stripped': { evidence: 'signed', controls: TOKEN_INTEGRITY },
  'sig-ecdsa-zero': { evidence: 'signed', controls: TOKEN_INTEGRITY },
  'sig-invalid': { evidence: 'verified', controls: TOKEN_INTEGRITY },
  'alg-confusion-forged': {
    evidence: 'verified',
    controls: [partial('asvs', 'v5.0.0-9.1.2'), ...TOKEN_INTEGRITY],
  },
  'alg-confusion-indicator': {
    evidence: 'signed',
    controls: [partial('asvs', 'v5.0.0-9.1.2'), partial('nist-800-53', 'IA-13(2)')],
  },
  'alg-unregistered': {
    evidence: 'signed',
    controls: [partial('asvs', 'v5.0.0-11.6.1'), partial('nist-800-53', 'SC-13')],
  },
  'alg-not-allowed': {
    evidence: 'signed',
    controls: [partial('nist-800-53', 'CM-6'), partial('asvs', 'v5.0.0-9.1.2')],
  },
  // ASVS 5.0 Appendix C disallows RSASSA-PKCS1-v1_5 signatures; NIST FIPS 186-5 still approves them.
  'alg-rsa-pkcs1v15': { evidence: 'signed', controls: [direct('asvs', 'v5.0.0-11.6.1')] },
  'rsa-key-too-short': {
    evidence: 'signed',
    controls: [
      direct('asvs', 'v5.0.0-11.2.3'),
      partial('nist-800-53', 'SC-12'),
      partial('nist-800-53', 'SC-13'),
      partial('nist-800-53', 'IA-13(1)'),
      partial('iso27001', '8.24'),
    ],
  },
  'hmac-weak-secret': { evidence: 'hmac', controls: [direct('asvs', 'v5.0.0-11.2.3'), ...KEY_SECRET] },
  'key-publicly-known': { evidence: 'signed', controls: KEY_SECRET },
  'hdr-jwk-embedded': {
    evidence: 'signed',
    controls: [partial('asvs', 'v5.0.0-9.1.3'), partial('nist-800-53', 'IA-13(2)')],
  },
  'hdr-jku-x5u': {
    evidence: 'signed',
    controls: [
      partial('asvs', 'v5.0.0-9.1.3'),
      partial('nist-800-53', 'IA-13(2)'),
      partial('nist-800-53', 'SI-10'),
    ],
  },
  'hdr-x5c-embedded': { evidence: 'signed', controls: [partial('asvs', 'v5.0.0-9.1.3')] },
  'hdr-kid-injection': { evidence: 'signed', controls: [partial('nist-800-53', 'SI-10')] },
  'key-alg-mismatch': {
    evidence: 'verified',
    controls: [partial('nist-800-53', 'IA-13(2)'), partial('nist-800-53', 'SC-13')],
  },
  'jwe-rsa1_5': {
    evidence: 'jwe',
    controls: [partial('nist-800-53', 'SC-13'), partial('iso27001', '8.24')],
  },
  'jwe-pbes2': { evidence: 'jwe', controls: [partial('nist-800-53', 'SC-12')] },
  'exp-missing': {
    evidence: 'lifetime',
    controls: [
      ...LIFETIME,
      ...AAL_SECTIONS.map((s) => partial('nist-800-63b', s)),
      partial('nist-800-63b', '§5.2'),
    ],
  },
  'lifetime-excessive': {
    evidence: 'lifetime',
    controls: [...LIFETIME, ...AAL_SECTIONS.map((s) => partial('nist-800-63b', s, 'aal-overall-limit'))],
  },
  'exp-expired': {
    evidence: 'lifetime',
    controls: [partial('asvs', 'v5.0.0-9.2.1'), partial('nist-800-53', 'IA-13(2)')],
  },
  'exp-expired-accepted': { evidence: 'verdicts', controls: [direct('asvs', 'v5.0.0-9.2.1'), ...ACCEPTED] },
  'nbf-future-accepted': { evidence: 'verdicts', controls: [direct('asvs', 'v5.0.0-9.2.1'), ...ACCEPTED] },
  'alg-none-accepted': {
    evidence: 'verdicts',
    controls: [direct('asvs', 'v5.0.0-9.1.2'), ...ACCEPTED_UNSIGNED],
  },
  'sig-invalid-accepted': { evidence: 'verdicts', controls: ACCEPTED_UNSIGNED },
  // A probe proves what a server accepts: its findings fail the controls they map to, and its refusals
  // pass them (probe-evidence.ts), verifier controls included.
  'probe-alg-none-accepted': {
    evidence: 'probes',
    controls: [direct('asvs', 'v5.0.0-9.1.2'), ...ACCEPTED_UNSIGNED],
  },
  'probe-signature-not-verified': { evidence: 'probes', controls: ACCEPTED_UNSIGNED },
  'probe-psychic-signature-accepted': { evidence: 'probes', controls: ACCEPTED_UNSIGNED },
  'probe-embedded-jwk-trusted': {
    evidence: 'probes',
    controls: [direct('asvs', 'v5.0.0-9.1.3'), ...ACCEPTED_UNSIGNED],
  },
  'probe-alg-confusion-accepted': {
    evidence: 'probes',
    controls: [direct('asvs', 'v5.0.0-9.1.2'), ...ACCEPTED_UNSIGNED],
  },
  'probe-kid-injection-accepted': {
    evidence: 'probes',
    controls: [direct('asvs', 'v5.0.0-9.1.3'), partial('nist-800-53', 'SI-10'), ...ACCEPTED_UNSIGNED],
  },
  'probe-expired-accepted': { evidence: 'probes', controls: [direct('asvs', 'v5.0.0-9.2.1'), ...ACCEPTED] },
  'probe-nbf-ignored': { evidence: 'probes', controls: [direct('asvs', 'v5.0.0-9.2.1'), ...ACCEPTED] },
  'probe-audience-ignored': { evidence: 'probes', controls: [direct('asvs', 'v5.0.0-9.2.3'), ...ACCEPTED] },
  'token-accepted-after-logout': {
    evidence: 'logout',
    controls: [
      direct('nist-800-53', 'SC-23(1)'),
      direct('nist-800-63b', '§5.1'),
      direct('asvs', 'v5.0.0-7.4.1'),
      partial('nist-800-53', 'AC-12'),
      partial('nist-800-53', 'IA-13(3)'),
      partial('pci-dss', '8.3.1'),
      partial('soc2', 'CC6.1'),
      partial('iso27001', '8.5'),
    ],
  },
  'validation-inconsistent': {
    evidence: 'verdicts',
    controls: [partial('nist-800-53', 'IA-13(2)'), partial('iso27001', '8.26')],
  },
  'id-token-as-bearer': {
    evidence: 'id-tokens',
    controls: [direct('asvs', 'v5.0.0-9.2.2'), partial('nist-800-53', 'IA-13(2)')],
  },
  'logout-token-nonconformant': { evidence: 'claims', controls: [partial('asvs', 'v5.0.0-9.2.2')] },
  'oidc-at-hash-mismatch': { evidence: 'id-tokens', controls: [partial('nist-800-53', 'IA-13(2)')] },
  'oidc-nonce-mismatch': { evidence: 'id-tokens', controls: [partial('nist-800-53', 'IA-13(2)')] },
  'oidc-azp-missing': { evidence: 'id-tokens', controls: [partial('nist-800-53', 'IA-13(2)')] },
  'aud-missing': {
    evidence: 'claims',
    controls: [partial('asvs', 'v5.0.0-9.2.3'), partial('nist-800-53', 'IA-13(2)')],
  },
  'aud-invalid': { evidence: 'claims', controls: [partial('asvs', 'v5.0.0-9.2.3')] },
  'aud-unexpected': {
    evidence: 'claims',
    controls: [
      partial('asvs', 'v5.0.0-9.2.3'),
      partial('nist-800-53', 'IA-13(2)'),
      partial('nist-800-53', 'CM-6'),
    ],
  },
  'iss-unexpected': {
    evidence: 'claims',
    controls: [
      partial('nist-800-53', 'IA-13(2)'),
      partial('nist-800-53', 'CM-6'),
      partial('iso27001', '8.5'),
    ],
  },
  'claim-required-missing': { evidence: 'claims', controls: [partial('nist-800-53', 'CM-6')] },
  'pii-oidc-claims': { evidence: 'claims', controls: PERSONAL_DATA },
  'pii-value-pattern': {
    evidence: 'claims',
    controls: [
      ...PERSONAL_DATA,
      partial('gdpr', 'Art. 32(1)(a)'),
      partial('pci-dss', '3.5.1', 'payment-card'),
    ],
  },
  'secret-in-payload': {
    evidence: 'claims',
    controls: [
      direct('asvs', 'v5.0.0-14.2.6'),
      partial('asvs', 'v5.0.0-13.3.1'),
      partial('soc2', 'C1.1'),
      partial('iso27001', '5.17'),
      partial('iso27001', '8.12'),
      partial('pci-dss', '8.3.2'),
    ],
  },
  'jti-reused': { evidence: 'claims', controls: [partial('nist-800-53', 'IA-13(3)')] },
  'token-lifetime-mismatch': { evidence: 'lifetime', controls: [partial('nist-800-53', 'IA-13(3)')] },
  'transport-cleartext': {
    evidence: 'network',
    controls: [
      direct('asvs', 'v5.0.0-12.2.1', LEFT),
      direct('nist-800-53', 'SC-8', LEFT),
      direct('nist-800-53', 'SC-8(1)', LEFT),
      direct('nist-800-63b', '§5.1', LEFT),
      direct('hipaa', '164.312(e)(1)', LEFT),
      direct('hipaa', '164.312(e)(2)(ii)', LEFT),
      direct('soc2', 'CC6.7', LEFT),
      partial('gdpr', 'Art. 32(1)(a)'),
      partial('gdpr', 'Art. 5(1)(f)'),
      partial('gdpr', 'CCPA §1798.100(e)'),
      partial('pci-dss', '4.2.1'),
      partial('pci-dss', '8.3.2'),
      partial('iso27001', '8.24'),
      partial('iso27001', '5.14'),
    ],
  },
  'token-in-url': {
    evidence: 'network',
    controls: [
      direct('asvs', 'v5.0.0-14.2.1'),
      partial('nist-800-63b', '§5.1'),
      partial('nist-800-53', 'SC-23'),
      partial('pci-dss', '8.3.2'),
      partial('soc2', 'CC6.7'),
      partial('gdpr', 'Art. 5(1)(f)'),
      partial('iso27001', '5.14'),
      partial('iso27001', '8.12'),
    ],
  },
  'token-third-party-leak': {
    evidence: 'network',
    controls: [
      direct('asvs', 'v5.0.0-14.2.3'),
      partial('asvs', 'v5.0.0-10.1.1'),
      partial('soc2', 'CC6.7'),
      partial('gdpr', 'Art. 5(1)(f)'),
      partial('gdpr', 'CCPA §1798.100(e)'),
      partial('iso27001', '8.12'),
    ],
  },
  'cookie-no-httponly': {
    evidence: 'cookies',
    controls: [
      direct('asvs', 'v5.0.0-3.3.4'),
      direct('nist-800-63b', '§5.1.1'),
      partial('nist-800-53', 'SC-23'),
    ],
  },
  'cookie-no-secure': {
    evidence: 'cookies',
    controls: [
      direct('asvs', 'v5.0.0-3.3.1'),
      direct('nist-800-63b', '§5.1.1', LEFT),
      partial('soc2', 'CC6.7'),
      partial('nist-800-53', 'SC-23'),
    ],
  },
  'cookie-samesite-weak': {
    evidence: 'cookies',
    controls: [
      direct('asvs', 'v5.0.0-3.3.2'),
      direct('nist-800-63b', '§5.1.1'),
      partial('nist-800-53', 'SC-23'),
    ],
  },
  'token-response-cacheable': {
    evidence: 'responses',
    controls: [direct('asvs', 'v5.0.0-14.3.2'), partial('iso27001', '8.12')],
  },
  // SP 800-63B-4 §5.1 says session secrets SHOULD NOT be in HTML5 local storage: a deviation to justify,
  // and the rule also covers sessionStorage, so it bears on §5.1 without failing it.
  'token-in-web-storage': {
    evidence: 'storage',
    controls: [partial('nist-800-63b', '§5.1'), partial('asvs', 'v5.0.0-10.1.1')],
  },
  'refresh-token-exposed': {
    evidence: 'refresh',
    controls: [
      partial('asvs', 'v5.0.0-10.1.1'),
      partial('asvs', 'v5.0.0-10.4.8'),
      partial('nist-800-53', 'IA-13(3)'),
    ],
  },
  'refresh-token-reused': {
    evidence: 'refresh',
    controls: [direct('asvs', 'v5.0.0-10.4.5'), partial('nist-800-53', 'IA-13(3)')],
  },
  'refresh-token-not-rotated': {
    evidence: 'refresh',
    controls: [direct('asvs', 'v5.0.0-10.4.5'), partial('nist-800-53', 'IA-13(3)')],
  },
  'credentials-in-url': {
    evidence: 'requests',
    controls: [
      direct('asvs', 'v5.0.0-14.2.1'),
      partial('pci-dss', '8.3.2'),
      partial('nist-800-53', 'IA-5(1)'),
      partial('iso27001', '5.17'),
    ],
  },
  'basic-auth-credentials': {
    evidence: 'requests',
    controls: [partial('nist-800-53', 'IA-5(1)'), partial('iso27001', '5.17')],
  },
  'drift-new-issuer': DRIFT,
  'drift-alg-changed': DRIFT,
  'drift-claim-added': DRIFT,
  'drift-claim-missing': DRIFT,
  'drift-claim-type-changed': DRIFT,
  'drift-audience-changed': DRIFT,
  'drift-lifetime-increased': DRIFT,
  'drift-new-recipient-host': DRIFT,
  'drift-cookie-weakened': DRIFT,
  'drift-transport-downgraded': DRIFT,
};
