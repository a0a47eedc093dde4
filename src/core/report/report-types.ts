/**
 * The JSON report format, version 1. `schema/report.schema.json` describes the same shape for other
 * tools; a test validates real output against it, so the two cannot drift apart.
 */

import type { ComplianceReport } from '../compliance/types';
import type { FamilyRole, Verdict } from '../lifecycle/types';
import type { ProbeKind, ProbeRun, ProbeStop, ProbeVerdict, TokenSlot } from '../probe/types';
import type { Policy, Reference, Severity, TokenKind, TokenPurpose, Where } from '../types';

/** The program that wrote a report. */
export interface ToolInfo {
  name: string;
  version: string;
}

/** Options shared by every report writer. */
export interface ReportOptions {
  /** Put raw token texts and unmasked values in. Off by default: reports get pasted into tickets. */
  includeRaw: boolean;
  tool: ToolInfo;
  /** When the report is written (ISO 8601); default: the clock. Tests pin it. */
  generatedAt?: string;
  /** What was scanned (file names), shown in the report header. */
  inputs?: readonly string[];
  /** Capture problems (skipped entries…), one line each; scrubbed like everything else. */
  problems?: readonly string[];
  /** Compliance statuses (`scan --compliance`): JSON gains a `compliance` section, SARIF properties. */
  compliance?: ComplianceReport;
  /** Probe runs (`jwt-lens probe`): JSON gains a `probes` section, Markdown a section, SARIF properties. */
  probes?: readonly ProbeRun[];
}

/** A response's shape in the report: server text (`Location`, JSON keys) scrubbed. */
export interface JsonResponseShape {
  status: number;
  contentType: string;
  lengthBucket: number;
  jsonKeys: string[];
  location?: string;
}

/** One probe case as sent and answered. */
export interface JsonProbeOutcome {
  caseId: string;
  kind: ProbeKind;
  change: string;
  ruleId?: string;
  shape?: JsonResponseShape;
  error?: string;
  verdict: ProbeVerdict;
  durationMs?: number;
}

/** One probe run: the request replayed (URL masked), its baseline, negative control and tampered cases. */
export interface JsonProbeRun {
  entry: number;
  method: string;
  url: string;
  fingerprint: string;
  slot: TokenSlot;
  startedAt: string;
  baseline?: JsonProbeOutcome;
  negativeControl?: JsonProbeOutcome;
  outcomes: JsonProbeOutcome[];
  stopped?: ProbeStop;
  /** Rules whose probes were all refused: evidence that the control operates. */
  passedRuleIds: string[];
}

/**
 * Where one token was seen, with token text inside URLs and names masked. The verdict fields are present
 * only on a use (the token was sent in a request): what the server did with it (issue 13).
 */
export interface JsonSighting {
  id: string;
  where: Where;
  name: string;
  url: string;
  method: string;
  status: number;
  startedAt: string;
  verdict?: Verdict;
  verdictReason?: string;
  /** RFC 6750 §3 `error` of the response's `WWW-Authenticate` challenge, when it had one. */
  wwwAuthenticateError?: string;
  /** RFC 6750 §3 `error_description`, when present (server text, scrubbed). */
  wwwAuthenticateDescription?: string;
}

/** How many uses, and what the servers did with them. */
export interface JsonUseCounts {
  uses: number;
  accepted: number;
  rejected: number;
  unknown: number;
}

/** Tokens issued together by one token response, and the refresh chain they are in. */
export interface JsonFamily {
  id: string;
  /** Request id of the token response that issued the family. */
  issuedBy: string;
  /** ISO time of the token request; `''` when unknown. */
  issuedAt: string;
  grantType: string | null;
  members: { fingerprint: string; role: FamilyRole }[];
  expiresIn: number | null;
  /** The family whose refresh token was presented to get this one. */
  parent: string | null;
  /** Fingerprint of the refresh token presented in the grant that issued this family. */
  refreshedWith: string | null;
  /** Request id of the authorization request that started the flow. */
  authorization: string | null;
  /** The uses of the family's members. */
  counts: JsonUseCounts;
}

/** A logout or revocation, and the tokens it should have ended. */
export interface JsonLifecycleEvent {
  kind: 'logout' | 'revocation';
  requestId: string;
  at: string;
  how: string;
  succeeded: boolean;
  origin: string;
  /** Fingerprints of the tokens it covers. */
  covers: string[];
}

/** An authorization request; `state`, `nonce` and the URL's secret parameters masked unless raw. */
export interface JsonAuthorization {
  requestId: string;
  at: string;
  url: string;
  status: number;
  clientId: string | null;
  responseType: string | null;
  redirectUri: string | null;
  scope: string | null;
  state: string | null;
  nonce: string | null;
  codeChallengeMethod: string | null;
}

/** The token lifecycle of the capture: families, logout and revocation events, authorization requests. */
export interface JsonLifecycle {
  skewSeconds: number;
  counts: JsonUseCounts & { families: number; events: number; authorizations: number; discovery: number };
  families: JsonFamily[];
  events: JsonLifecycleEvent[];
  authorizations: JsonAuthorization[];
  /** URLs of the discovery documents seen. */
  discovery: string[];
}

/** A nested (inner) token, reduced to what can be shown safely. */
export interface JsonNestedToken {
  fingerprint: string;
  kind: TokenKind;
  alg: string | null;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
}

/** One distinct token. `raw` is present only in reports written with `includeRaw`. */
export interface JsonToken {
  fingerprint: string;
  kind: TokenKind;
  purpose: TokenPurpose;
  alg: string | null;
  typ: string | null;
  kid: string | null;
  iss: string | null;
  sub: string | null;
  aud: string | string[] | null;
  exp: string | null;
  iat: string | null;
  nbf: string | null;
  masked: string;
  raw?: string;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  nested: JsonNestedToken | null;
  errors: string[];
  warnings: string[];
  findingCount: number;
  sightings: JsonSighting[];
}

/** Evidence with its unmasked `raw` value only when raw output was asked for. */
export interface JsonEvidence {
  label: string;
  value: string;
  raw?: string;
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  title: string;
  why: string;
  detail: string;
  evidence: JsonEvidence[];
  references: Reference[];
  /** `''` for findings about an exchange rather than a token. */
  fingerprint: string;
  sightingIds: string[];
}

/** A non-token observation (basic auth, password in a URL…), already masked by capture. */
export interface JsonObservation {
  kind: string;
  requestId: string;
  url: string;
  name: string;
  masked: string;
  startedAt: string;
}

export type SeverityCounts = Record<Severity, number>;

export interface JsonSummary extends SeverityCounts {
  findings: number;
  tokens: number;
  /** The most severe finding's severity, `null` when there is none. */
  highest: Severity | null;
}

export interface JsonReport {
  schemaVersion: 1;
  tool: ToolInfo;
  generatedAt: string;
  referenceTime: string;
  rawIncluded: boolean;
  inputs: string[];
  policy: Policy;
  timeRange: { start: string; end: string } | null;
  summary: JsonSummary;
  ignoredCount: number;
  /** Always written; optional in the schema, which reports written before issue 13 also satisfy. */
  lifecycle: JsonLifecycle;
  /** Present when compliance statuses were asked for (`scan --compliance`). */
  compliance?: ComplianceReport;
  /** Present when the report is a probe's (`jwt-lens probe`). */
  probes?: JsonProbeRun[];
  tokens: JsonToken[];
  findings: JsonFinding[];
  observations: JsonObservation[];
  problems: string[];
}
