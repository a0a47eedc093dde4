import type { Framework, FrameworkId } from './types';

/** The frameworks `--compliance` accepts, in the order reports list them. */
export const FRAMEWORK_IDS: readonly FrameworkId[] = [
  'pci-dss',
  'hipaa',
  'gdpr',
  'soc2',
  'iso27001',
  'nist-800-63b',
  'nist-800-53',
  'asvs',
];

/** Each framework, its version and where its control ids were verified (shared/COMPLIANCE.md). */
export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = {
  'pci-dss': {
    id: 'pci-dss',
    name: 'PCI DSS',
    version: 'v4.0.1',
    source: 'PCI DSS v4.0.1 (June 2024); ids checked in ComplianceAsCode/content controls/pcidss_4.yml',
  },
  hipaa: {
    id: 'hipaa',
    name: 'HIPAA Security Rule (and Privacy Rule 164.502(b))',
    version: '45 CFR Part 164',
    source: '45 CFR 164.308, 164.312, 164.502(b) (eCFR); ComplianceAsCode/content controls/hipaa.yml',
  },
  gdpr: {
    id: 'gdpr',
    name: 'GDPR (and CCPA/CPRA)',
    version: 'Regulation (EU) 2016/679; Cal. Civ. Code §1798.100',
    source: 'Regulation (EU) 2016/679 (EUR-Lex); prowler gdpr_aws.json; Cal. Civ. Code §1798.100(e)',
  },
  soc2: {
    id: 'soc2',
    name: 'SOC 2 Trust Services Criteria',
    version: '2017 (points of focus revised 2022)',
    source:
      'AICPA TSP section 100, 2017 Trust Services Criteria (revised points of focus, 2022); prowler soc2_aws.json',
  },
  iso27001: {
    id: 'iso27001',
    name: 'ISO/IEC 27001 Annex A',
    version: '2022',
    source: 'ISO/IEC 27001:2022 Annex A; prowler iso27001_2022_aws.json',
  },
  'nist-800-63b': {
    id: 'nist-800-63b',
    name: 'NIST SP 800-63B',
    version: 'Rev. 4 (final, August 2025)',
    source: 'NIST SP 800-63B-4, Digital Identity Guidelines: Authentication and Authenticator Management',
  },
  'nist-800-53': {
    id: 'nist-800-53',
    name: 'NIST SP 800-53',
    version: 'Rev. 5',
    source: 'NIST SP 800-53 Rev. 5 (usnistgov/oscal-content NIST_SP-800-53_rev5 catalog)',
  },
  asvs: {
    id: 'asvs',
    name: 'OWASP ASVS',
    version: '5.0.0',
    source: 'OWASP Application Security Verification Standard 5.0.0 (OWASP/ASVS tag v5.0.0_release)',
  },
};

/** True for a framework id the flag and the policy accept. */
export function isFrameworkId(value: unknown): value is FrameworkId {
  return typeof value === 'string' && (FRAMEWORK_IDS as readonly string[]).includes(value);
}
