import type { Control } from '../types';
import { controlsOf } from './define';

/*
 * PCI DSS, HIPAA, GDPR/CCPA and SOC 2 controls JWT Lens gives evidence for. Ids and paraphrased titles
 * from shared/COMPLIANCE.md (checked against ComplianceAsCode pcidss_4.yml and hipaa.yml, the eCFR,
 * EUR-Lex, prowler's gdpr/soc2 files). PCI texts are copyrighted: ids and short titles only.
 */

const pci = controlsOf('pci-dss');
/** What the change-management controls still need: drift shows a change, the records show its approval. */
export const CHANGE_RECORDS =
  'the change records: a drift finding shows that the tokens changed since the reviewed baseline, not whether the change was approved and tested';
const REQ8_SCOPE =
  'confirmation that the accounts behind these tokens are in Requirement 8 scope (it excludes consumer cardholder accounts)';

export const PCI_DSS_CONTROLS: readonly Control[] = [
  pci(
    '3.5.1',
    'PAN rendered unreadable wherever it is stored',
    'where tokens carrying a PAN are stored (logs, caches, databases, browser storage) and how PAN is protected there',
  ),
  pci(
    '4.2.1',
    'Strong cryptography protects PAN sent over open, public networks',
    'which of the captured flows carry PAN (the cardholder-data flow diagram) and the TLS configuration of each endpoint',
  ),
  pci(
    '6.2.4',
    'Software engineering techniques prevent common attacks',
    'the secure-development procedures and code review evidence; the capture shows only how tokens are formed',
  ),
  pci('6.5.1', 'Changes to production system components follow established procedures', CHANGE_RECORDS),
  pci(
    '8.2.8',
    'Re-authentication required after 15 minutes of idle session',
    'the idle-timeout configuration: a token lifetime bounds a session but is not an idle timeout',
  ),
  pci(
    '8.3.1',
    'All user access is authenticated',
    `${REQ8_SCOPE}; a passive capture shows only the requests the client made (a probe can show more)`,
  ),
  pci(
    '8.3.2',
    'Authentication factors unreadable in transit and in storage',
    `${REQ8_SCOPE}, and how authentication factors are stored`,
  ),
];

const hipaa = controlsOf('hipaa');
const EPHI = 'which of these systems create, receive or transmit ePHI';

export const HIPAA_CONTROLS: readonly Control[] = [
  hipaa(
    '164.312(a)(2)(iii)',
    'Automatic logoff (addressable)',
    `the session inactivity timeout and ${EPHI}: a token lifetime is not an automatic logoff`,
  ),
  hipaa(
    '164.312(d)',
    'Person or entity authentication',
    `${EPHI}, and server-side token verification (a passive capture sees it only when a bad token was sent)`,
  ),
  hipaa('164.312(e)(1)', 'Transmission security'),
  hipaa('164.312(e)(2)(ii)', 'Encryption of ePHI in transmission (addressable)'),
  hipaa(
    '164.502(b)',
    'Minimum necessary (Privacy Rule)',
    'whether the claims are PHI and which recipients need them: a token is PHI only if it carries PHI',
  ),
];

const gdpr = controlsOf('gdpr');
const PURPOSE = 'the purposes of processing and which recipients need each claim';

export const GDPR_CONTROLS: readonly Control[] = [
  gdpr('Art. 5(1)(c)', 'Data minimisation', PURPOSE),
  gdpr(
    'Art. 5(1)(f)',
    'Integrity and confidentiality of personal data',
    'the organisation’s security measures beyond the captured traffic (storage, access control, logging)',
  ),
  gdpr('Art. 25', 'Data protection by design and by default', `${PURPOSE}, and the design decisions`),
  gdpr(
    'Art. 32(1)(a)',
    'Pseudonymisation and encryption of personal data',
    'encryption at rest and the pseudonymisation design; the capture shows transport and token payloads only',
  ),
  gdpr(
    'Art. 32(1)(b)',
    'Ongoing confidentiality and integrity of processing systems',
    'the operating evidence of the systems behind the tokens (a passive capture sees them from the client only)',
  ),
  gdpr(
    'CCPA §1798.100(e)',
    'Reasonable security procedures for personal information (Cal. Civ. Code, refers to §1798.81.5)',
    'whether the business is covered by the CCPA and which personal information the flows carry',
  ),
];

const soc2 = controlsOf('soc2');

export const SOC2_CONTROLS: readonly Control[] = [
  soc2(
    'CC6.1',
    'Logical access security software, infrastructure and architectures',
    'the entity’s access-control design and server-side token verification (shown passively only for bad tokens that were sent)',
  ),
  soc2('CC6.7', 'Transmission, movement and removal of information restricted and protected'),
  soc2('CC8.1', 'Change management', CHANGE_RECORDS),
  soc2(
    'C1.1',
    'Confidential information identified and maintained',
    'the entity’s classification of the claims and secrets its tokens carry',
  ),
];
