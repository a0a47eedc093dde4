/**
 * Compliance evidence (issue 14): per control of a framework, whether the capture shows it operating (`pass`),
 * violated (`fail`), not covered (`not-observed`), or only partly evidenced by a passive capture (`partial`),
 * with the scope and sample behind each statement. Control ids and titles come from shared/COMPLIANCE.md
 * (verified against their primary sources); titles are paraphrases. Plain data: it lands in reports as is.
 */

/** The frameworks `--compliance` accepts (the CLI flag's ids). */
export type FrameworkId =
  | 'pci-dss'
  | 'hipaa'
  | 'gdpr'
  | 'soc2'
  | 'iso27001'
  | 'nist-800-63b'
  | 'nist-800-53'
  | 'asvs';

export interface Framework {
  id: FrameworkId;
  /** `PCI DSS`, `HIPAA Security Rule`… */
  name: string;
  /** `v4.0.1`, `2022`, `Rev. 5`… */
  version: string;
  /** Where the control ids were verified (document and section, or a well-kept machine-readable source). */
  source: string;
}

/** One control (requirement, criterion, Annex A control, section) of a framework. */
export interface Control {
  framework: FrameworkId;
  /** As the framework writes it: `8.3.2`, `164.312(e)(1)`, `Art. 32(1)(a)`, `CC6.7`, `8.24`, `SC-8`, `§5.1.1`, `v5.0.0-9.1.1`. */
  id: string;
  /** Short paraphrased title (ISO and PCI texts are copyrighted: ids and short titles only). */
  title: string;
  /**
   * What a passive capture can show of it: `full` when the mapped checks can evidence it operating, `partial`
   * when an assessor still needs the organisation's own evidence (key management, revocation procedures…).
   */
  coverage: 'full' | 'partial';
  /** For `partial` controls: what an assessor still needs from the organisation. */
  needs?: string;
}

/** A rule gives evidence for a control: directly, or partly (the rule covers one aspect of it). */
export interface ControlMapping {
  ruleId: string;
  framework: FrameworkId;
  control: string;
  strength: 'direct' | 'partial';
}

export type ControlStatus = 'pass' | 'fail' | 'not-observed' | 'partial' | 'out-of-scope';

/** The status of one control for one capture, with what it rests on. */
export interface ControlResult {
  framework: FrameworkId;
  control: string;
  title: string;
  status: ControlStatus;
  /** The catalog rules mapped to this control. */
  ruleIds: string[];
  /** Findings behind a `fail` (or seen under a `partial`): `ruleId` and token fingerprint (`''` for exchanges). */
  findings: { ruleId: string; fingerprint: string; severity: string }[];
  /** One sentence of what was checked: "212 token sightings on 14 hosts, all over HTTPS". */
  evidence: string;
  /** The population the mapped checks looked at. */
  counts: { tokens: number; sightings: number; requests: number; hosts: number };
  /** `partial`: what an assessor still needs; `out-of-scope`: the policy's reason. */
  note?: string;
}

/** What the statuses speak for: an assessor's scope statement. */
export interface ComplianceScope {
  inputs: string[];
  /** UTC range of the requests, or `null` when no request had a time. */
  timeRange: { start: string; end: string } | null;
  hosts: string[];
  tokens: number;
  sightings: number;
  requests: number;
  tool: { name: string; version: string };
  /** SHA-256 (hex) of the policy as applied, so the report can be tied to it. */
  policyDigest: string;
}

/** The statuses of one framework's controls. */
export interface FrameworkResult {
  framework: Framework;
  controls: ControlResult[];
  summary: Record<ControlStatus, number>;
}

/** Compliance evidence for a capture, for the selected frameworks. */
export interface ComplianceReport {
  scope: ComplianceScope;
  frameworks: FrameworkResult[];
}
