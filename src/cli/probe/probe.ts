import { type Auditor, createAuditor } from '../../core/audit';
import type { ProbeCase, ProbeMaterial, ProbeRequest, ProbeRun } from '../../core/probe';
import { assessProbeRun, MAX_PROBE_CASES, maskProbeUrl, planProbes } from '../../core/probe';
import { summaryLine } from '../../core/report/table';
import type { CaptureHit } from '../../core/types';
import type { ParsedArgs } from '../args';
import { CliError, EXIT } from '../errors';
import type { CliIo } from '../io';
import { loadPolicy } from '../policy-file';
import { chooseFormat, exitCodeFor, loadRenderer, writeOutput } from '../render';
import { parseTimeout } from './options';
import { dryRunLines, outcomeLine } from './probe-lines';
import { onlyToken, type ProbeTarget, readProbeTarget } from './probe-target';
import { type CaseResults, runCases } from './run-cases';
import { recoverSecret } from './secret';
import { type SendResult, sendProbe } from './send';
import { userKeyDocuments } from './user-keys';

/** What `probe` plans with and sends through; tests replace them (fixed cases, a counting sender). */
export interface ProbeDeps {
  plan: typeof planProbes;
  send(request: ProbeRequest, timeoutMs: number): Promise<SendResult>;
}

/** The core's planner and the node:http(s) sender. */
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
  const timeoutMs = parseTimeout(args.value('timeout'));
  const format = chooseFormat(args, io);
  const policy = await loadPolicy(args.value('policy'), io);
  const target = await readProbeTarget(args, io);
  const fail = (problem: string) => new CliError(`entry ${target.entry}: ${problem}`);
  const auditor = createAuditor({ policy });
  auditor.add(onlyToken(target.capture, target.choice.token));
  const { material, secretHits } = await materialFor(target, auditor, args, io);
  const plan = await deps.plan(target.request, target.choice.slot, target.choice.token, material);
  if ('error' in plan) throw fail(plan.error);
  if (plan.cases.length === 0) throw fail('nothing to probe for this token');
  if (args.flag('dry-run')) {
    io.stdout.write(
      `${dryRunLines(target.entry, target.choice.slot, plan.cases, MAX_PROBE_CASES).join('\n')}\n`,
    );
    return EXIT.ok;
  }
  const run = await sendCases(target, plan.cases, (request) => deps.send(request, timeoutMs), io);
  auditor.addHits([...secretHits, ...assessProbeRun(run).hits]);
  const result = auditor.result(Math.floor(io.clock() / 1000));
  const output = args.value('output');
  const toTerminal = output === undefined || output === '-';
  const problems = target.capture.problems;
  const options = { includeRaw: false, inputs: [target.path], problems, toTerminal, io, probes: [run] };
  const render = await loadRenderer(format);
  await writeOutput((emit) => render(result, options, emit), args, io);
  if (!toTerminal) io.stderr.write(`jwt-lens: wrote ${output}: ${summaryLine(result)}\n`);
  return exitCodeFor(result, args.value('fail-on'));
}

/**
 * What the planner gets beyond the request: the capture's key sets and `--jwks`, the clock, and the token's HMAC
 * secret when the secret search recovers it (its finding goes in the report too).
 */
async function materialFor(
  target: ProbeTarget,
  auditor: Auditor,
  args: ParsedArgs,
  io: CliIo,
): Promise<{ material: ProbeMaterial; secretHits: CaptureHit[] }> {
  const record = auditor.records().find((r) => r.token.fingerprint === target.choice.fingerprint);
  const recovered = record ? await recoverSecret(record, args, io) : { hits: [] };
  const captured = target.capture.keyDocuments.map(({ kind, url, json }) => ({ kind, url, json }));
  const material: ProbeMaterial = {
    keyDocuments: [...captured, ...(await userKeyDocuments(args, io))],
    now: Math.floor(io.clock() / 1000),
  };
  if (recovered.secret) material.recoveredSecret = recovered.secret;
  return { material, secretHits: recovered.hits };
}

/** Sends the cases (see `runCases`), warns about cases that got no answer, and returns the run. */
async function sendCases(
  target: ProbeTarget,
  cases: readonly ProbeCase[],
  send: (request: ProbeRequest) => Promise<SendResult>,
  io: CliIo,
): Promise<ProbeRun> {
  const { entry, request, choice } = target;
  const startedAt = new Date(io.clock()).toISOString();
  const progress = (outcome: ProbeRun['outcomes'][number], sent: number) =>
    io.stderr.write(`jwt-lens: ${sent}. ${outcomeLine(outcome)}\n`);
  const results = await runCases(cases, {
    original: request,
    policy: target.policy,
    maxRequests: MAX_PROBE_CASES,
    send,
    onOutcome: io.stderr.isTTY ? progress : undefined,
  });
  const problem = problemOf(results);
  if (problem) throw new CliError(`entry ${entry}: ${problem}`);
  for (const outcome of results.outcomes)
    if (outcome.error)
      io.stderr.write(`jwt-lens: warning: entry ${entry}: ${outcome.caseId}: ${outcome.error}\n`);
  const { baseline, negativeControl, stopped } = results;
  return {
    entry,
    method: request.method,
    url: maskProbeUrl(request.url, choice.slot),
    fingerprint: choice.fingerprint,
    slot: choice.slot,
    startedAt,
    outcomes: results.outcomes,
    ...(baseline ? { baseline } : {}),
    ...(negativeControl ? { negativeControl } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/** Why no probe could run, when none could: the baseline or negative control failed, or every case did. */
function problemOf(results: CaseResults): string | undefined {
  if (results.problem) return results.problem;
  if (results.stopped === 'baseline not accepted') {
    const status = results.baseline?.shape?.status ?? 'no answer';
    return `baseline not accepted (the request replayed unchanged got ${status})`;
  }
  if (results.stopped === 'endpoint does not require this token') {
    const status = results.negativeControl?.shape?.status;
    return `endpoint does not require this token (the request without it got the same answer, ${status})`;
  }
  const answered = results.outcomes.filter((o) => o.shape !== undefined);
  if (results.outcomes.length > 0 && answered.length === 0)
    return `no tampered request got an answer (${results.outcomes[0]?.error})`;
  return undefined;
}
