import { createAuditor } from '../../core/audit';
import type { ProbeMaterial, ProbeRequest, ProbeRun } from '../../core/probe';
import { assessProbeRun, planProbes } from '../../core/probe';
import { summaryLine } from '../../core/report/table';
import { maskUrl } from '../../core/rules/context/sighting-facts';
import type { CaptureResult } from '../../core/types';
import type { ParsedArgs } from '../args';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { loadPolicy } from '../policy-file';
import { loadHarDocument } from '../read-input';
import { chooseFormat, exitCodeFor, renderReport, writeOutput } from '../render';
import { dryRunLines, outcomeLine } from './describe';
import { probeRequestOf, recordedStatus } from './har-request';
import { MAX_REQUESTS, parseTimeout } from './options';
import { type CaseResults, runCases } from './run-cases';
import { recoverSecret } from './secret';
import { chooseEntry, chooseToken } from './select';
import { type SendResult, sendProbe } from './send';
import { refusalOf, type TargetPolicy } from './target';

/** What `probe` plans with and sends through; tests replace them (fixed cases, a counting sender). */
export interface ProbeDeps {
  plan: typeof planProbes;
  send(request: ProbeRequest, timeoutMs: number): Promise<SendResult>;
}

export const NODE_DEPS: ProbeDeps = {
  plan: planProbes,
  send: (request, timeoutMs) => sendProbe(request, { timeoutMs }),
};

/**
 * `jwt-lens probe <file.har> --entry <index|URL substring>`: replays one captured request with tampered
 * tokens, to its own origin only, and reports what the server accepted. The only command that sends
 * anything; `--dry-run` shows the requests instead. Exit codes as `scan`; 2 with one line naming the
 * entry when no probe could run.
 */
export async function runProbe(args: ParsedArgs, io: CliIo, deps: ProbeDeps = NODE_DEPS): Promise<number> {
  const [path, ...extra] = args.positionals;
  if (path === undefined || extra.length > 0)
    throw new CliError('probe needs exactly one HAR file (see --help)');
  const selector = args.value('entry');
  if (selector === undefined) throw new CliError('probe needs --entry <index|URL substring> (see --help)');
  const timeoutMs = parseTimeout(args.value('timeout'));
  const format = chooseFormat(args, io);
  const policy = await loadPolicy(args.value('policy'), io);
  const targets: TargetPolicy = {
    allowedHosts: args.values('allow-host').map((h) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1')),
    unsafeMethods: args.flag('allow-unsafe-methods'),
  };
  const { json, capture } = await loadHarDocument(path, io);
  const entries = entriesOf(json);
  const entry = chooseEntry(entries, capture, selector);
  const fail = (problem: string): never => {
    throw new CliError(`entry ${entry}: ${problem}`);
  };
  const request = probeRequestOf(entries[entry]);
  if ('error' in request) return fail(request.error);
  const choice = chooseToken(capture, entry, args.value('token'));
  const refused = refusalOf(request, targets);
  if (refused) return fail(refused);

  const auditor = createAuditor({ policy });
  auditor.add(onlyToken(capture, choice.token));
  const record = auditor.records().find((r) => r.token.fingerprint === choice.fingerprint);
  const recovered = record ? await recoverSecret(record) : { hits: [] };
  const material: ProbeMaterial = {
    keyDocuments: capture.keyDocuments.map(({ kind, url, json: doc }) => ({ kind, url, json: doc })),
    now: Math.floor(io.clock() / 1000),
    ...(recovered.secret ? { recoveredSecret: recovered.secret } : {}),
  };
  const plan = await deps.plan(request, choice.slot, choice.token, material);
  if ('error' in plan) return fail(plan.error);
  if (plan.cases.length === 0) return fail('nothing to probe for this token');
  if (args.flag('dry-run')) {
    io.stdout.write(`${dryRunLines(entry, plan.cases, MAX_REQUESTS).join('\n')}\n`);
    return 0;
  }

  const startedAt = new Date(io.clock()).toISOString();
  const results = await runCases(plan.cases, {
    original: request,
    recordedStatus: recordedStatus(entries[entry]),
    policy: targets,
    maxRequests: MAX_REQUESTS,
    send: (r) => deps.send(r, timeoutMs),
    onOutcome: io.stderr.isTTY
      ? (o, sent) => io.stderr.write(`jwt-lens: ${sent}. ${outcomeLine(o)}\n`)
      : undefined,
  });
  const problem = problemOf(results);
  if (problem) return fail(problem);
  for (const outcome of results.outcomes)
    if (outcome.error)
      io.stderr.write(`jwt-lens: warning: entry ${entry}: ${outcome.caseId}: ${outcome.error}\n`);

  const run: ProbeRun = {
    entry,
    method: request.method,
    url: maskUrl(request.url),
    fingerprint: choice.fingerprint,
    slot: choice.slot,
    startedAt,
    outcomes: results.outcomes,
    ...(results.baseline ? { baseline: results.baseline } : {}),
    ...(results.negativeControl ? { negativeControl: results.negativeControl } : {}),
    ...(results.stopped ? { stopped: results.stopped } : {}),
  };
  auditor.addHits([...recovered.hits, ...assessProbeRun(run).hits]);
  const result = auditor.result(Math.floor(io.clock() / 1000));
  const output = args.value('output');
  const toTerminal = output === undefined || output === '-';
  const options = {
    includeRaw: false,
    inputs: [path],
    problems: capture.problems,
    toTerminal,
    io,
    probes: [run],
  };
  await writeOutput((emit) => renderReport(result, format, options, emit), args, io);
  if (!toTerminal) io.stderr.write(`jwt-lens: wrote ${output}: ${summaryLine(result)}\n`);
  return exitCodeFor(result, args.value('fail-on'));
}

/** Why no probe could run, when none could: the baseline or negative control failed, or every case did. */
function problemOf(results: CaseResults): string | undefined {
  if (results.problem) return results.problem;
  if (results.stopped === 'baseline not accepted')
    return `baseline not accepted (the request replayed unchanged got ${results.baseline?.shape?.status ?? 'no answer'})`;
  if (results.stopped === 'endpoint does not require this token')
    return `endpoint does not require this token (the request without it got the same answer, ${results.negativeControl?.shape?.status})`;
  const answered = results.outcomes.filter((o) => o.shape !== undefined);
  if (results.outcomes.length > 0 && answered.length === 0)
    return `no tampered request got an answer (${results.outcomes[0]?.error})`;
  return undefined;
}

/** `log.entries`: `captureHar` has already checked it is an array. */
function entriesOf(json: unknown): unknown[] {
  const entries = (json as { log?: { entries?: unknown } }).log?.entries;
  return Array.isArray(entries) ? entries : [];
}

/** The capture narrowed to one token: its sightings, the facts of the requests that carried it, every key set. */
function onlyToken(capture: CaptureResult, token: string): CaptureResult {
  const sightings = capture.sightings.filter((s) => s.tokenText === token);
  const requests = new Set(sightings.map((s) => s.requestId));
  return {
    ...capture,
    sightings,
    observations: capture.observations.filter((o) => requests.has(o.requestId)),
    exchanges: capture.exchanges?.filter((e) => requests.has(e.requestId)),
  };
}
