/**
 * Runs JWT Lens on the corpus the way a user does: the CLI in-process (`jwt-lens scan --format json`,
 * with its signature and secret checks), one token alone per run at the token's reference time, and
 * each flow's HAR as a whole. Turns each report into `Judged` cases for `scoreCases`.
 */
import { type Severity, severityRank } from '../../src/core';
import { runCli } from '../cli/fake-io';
import type { Expectation, FlowCase, FlowExpect, FlowSelector, TokenCase } from './corpus-files';
import type { Judged } from './score';

/** The run's fixed time, for a token with no `now`, no `iat` and no `exp`. */
export const FIXED_NOW = '2025-01-01T00:00:00Z';

/** What the corpus reads from a JSON report. */
export interface ReportToken {
  fingerprint: string;
  kind: string;
  purpose: string;
  iss: string | null;
  sightings: { where: string; name: string }[];
}

export interface Report {
  tokens: ReportToken[];
  findings: ReportFinding[];
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  fingerprint: string;
}

/** The reference time of a token case: its `now`, else iat + 60 s, else exp − 60 s, else `FIXED_NOW`. */
export function referenceTime(token: Pick<TokenCase, 'token' | 'now'>): string {
  if (token.now) return token.now;
  const claims = payloadOf(token.token);
  const iat = claims?.iat;
  const exp = claims?.exp;
  if (typeof iat === 'number' && Number.isFinite(iat)) return new Date((iat + 60) * 1000).toISOString();
  if (typeof exp === 'number' && Number.isFinite(exp)) return new Date((exp - 60) * 1000).toISOString();
  return FIXED_NOW;
}

function payloadOf(token: string): Record<string, unknown> | undefined {
  const segment = token.split('.')[1];
  if (!segment) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Scans `args` with the CLI and parses its JSON report; throws with stderr when it did not run. */
export async function scanJson(args: string[], files: Record<string, string> = {}): Promise<Report> {
  const run = await runCli(['scan', ...args, '--format', 'json'], { files });
  if (run.code === 2) throw new Error(`jwt-lens scan ${args.join(' ')} failed: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as Report;
}

/**
 * The token-list line for a case: named by its purpose when the source says what it is
 * (`id_token=eyJ…`), as a user pasting it from a token response would, so the purpose's profile applies.
 */
export function tokenLine(token: Pick<TokenCase, 'token' | 'purpose'>): string {
  const named = token.purpose && token.purpose !== 'unknown';
  return named ? `${token.purpose}_token=${token.token}` : token.token;
}

/** Audits one corpus token alone, as a pasted token, at its reference time. */
export async function judgeToken(token: TokenCase): Promise<Judged> {
  const path = `corpus/${token.id}.txt`;
  const report = await scanJson([path, '--now', referenceTime(token)], { [path]: `${tokenLine(token)}\n` });
  return { id: token.id, expectation: token, fired: firedRules(report.findings) };
}

/** Each rule of `findings` with the most severe severity it fired at. */
export function firedRules(findings: readonly ReportFinding[]): Map<string, Severity> {
  const fired = new Map<string, Severity>();
  for (const { ruleId, severity } of findings) {
    const seen = fired.get(ruleId);
    if (!seen || severityRank(severity) < severityRank(seen)) fired.set(ruleId, severity);
  }
  return fired;
}

/** Audits a flow's HAR and judges each token by its selectors; selectors that match nothing are errors. */
export async function judgeFlow(flow: FlowCase): Promise<{ judged: Judged[]; errors: string[] }> {
  const report = await scanJson([flow.har, ...(flow.now ? ['--now', flow.now] : [])]);
  return judgeFlowReport(report, flow, flow.name);
}

/**
 * Judges a JSON report (CLI or panel export) against a flow's expectations. Exported for tests that
 * record a flow themselves (the oidc-provider e2e test).
 */
export function judgeFlowReport(
  report: Report,
  expect: FlowExpect,
  label: string,
): { judged: Judged[]; errors: string[] } {
  const errors: string[] = [];
  const used = new Set<number>();
  const judged: Judged[] = [];
  for (const token of report.tokens) {
    const matching = expect.tokens.flatMap((entry, index) => (matches(token, entry.select) ? [index] : []));
    for (const index of matching) used.add(index);
    if (matching.length === 0 && expect.others === 'ignore') continue;
    const expectation = unionOf(matching.map((index) => expect.tokens[index] as Expectation));
    const fired = firedRules(report.findings.filter((f) => f.fingerprint === token.fingerprint));
    judged.push({ id: `${label}/${describe(token)}`, expectation, fired });
  }
  expect.tokens.forEach((entry, index) => {
    if (!used.has(index))
      errors.push(`${label}: tokens[${index}] select ${JSON.stringify(entry.select)} matches no token`);
  });
  const exchange = firedRules(report.findings.filter((f) => f.fingerprint === ''));
  judged.push({ id: `${label}/exchange`, expectation: expect.exchange, fired: exchange });
  return { judged, errors };
}

/** Does a report token fit a selector? `where` and `name` must hold for one and the same sighting. */
export function matches(token: ReportToken, select: FlowSelector): boolean {
  if (select.purpose !== undefined && token.purpose !== select.purpose) return false;
  if (select.kind !== undefined && token.kind !== select.kind) return false;
  if (select.issuer !== undefined && !issuerMatches(token.iss, select.issuer)) return false;
  if (select.where === undefined && select.name === undefined) return true;
  return token.sightings.some(
    (s) =>
      (select.where === undefined || s.where === select.where) &&
      (select.name === undefined || s.name.toLowerCase() === select.name.toLowerCase()),
  );
}

/**
 * `iss` equals `issuer`, or starts with it up to a port or a path: `http://127.0.0.1` selects the
 * issuer of a generated flow on any port (`http://127.0.0.1:41234`), but not `http://127.0.0.10`.
 */
function issuerMatches(iss: string | null, issuer: string): boolean {
  if (iss === null || !iss.startsWith(issuer)) return false;
  return iss.length === issuer.length || ':/'.includes(iss.charAt(issuer.length));
}

/** The union of several expectations; forbidden wins over allowed and required, the lowest cap wins. */
function unionOf(list: readonly Expectation[]): Expectation {
  const forbidden = new Set(list.flatMap((e) => e.forbidden));
  const keep = (ids: string[]) => [...new Set(ids)].filter((id) => !forbidden.has(id));
  const maxSeverity: Record<string, Severity> = {};
  for (const [rule, cap] of list.flatMap((e) => Object.entries(e.maxSeverity ?? {}))) {
    const other = maxSeverity[rule];
    if (!other || severityRank(cap) > severityRank(other)) maxSeverity[rule] = cap;
  }
  return {
    required: keep(list.flatMap((e) => e.required)),
    allowed: keep(list.flatMap((e) => e.allowed)),
    forbidden: [...forbidden],
    ...(Object.keys(maxSeverity).length > 0 ? { maxSeverity } : {}),
  };
}

function describe(token: ReportToken): string {
  const first = token.sightings[0];
  return `${token.purpose} ${token.kind}${first ? ` @${first.where}:${first.name}` : ''} #${token.fingerprint}`;
}
