import { type Auditor, createAuditor } from '../core/audit';
import { type Baseline, driftHits } from '../core/baseline';
import { summaryLine } from '../core/report/table';
import type { AuditResult, CaptureHit, CaptureResult, KeyDocument, Policy, TokenRecord } from '../core/types';
import type { ParsedArgs } from './args';
import { chooseBaseline } from './baseline-file';
import { collectGarbage } from './collect-garbage';
import { chooseFrameworks, complianceFor } from './compliance-option';
import { CliError } from './errors';
import type { CliIo } from './io';
import { loadPolicy } from './policy-file';
import { loadInput } from './read-input';
import { parseReferenceTime } from './reference-time';
import { chooseFormat, exitCodeFor, loadRenderer, writeOutput } from './render';

/** Capture problems echoed on stderr; the JSON report lists them all. */
const MAX_WARNINGS = 5;

/** What a scan step sees: the tokens of every input, the options, the policy. */
export interface ScanStepContext {
  records: readonly TokenRecord[];
  args: ParsedArgs;
  io: CliIo;
  policy: Policy;
  now: number;
  /** Key sets and discovery documents seen in the inputs (for signature verification). */
  keyDocuments: readonly KeyDocument[];
  /** Problems a step found that are worth a warning (listed in the report too). */
  problems: string[];
}

/**
 * A check that runs after capture and before the report and returns findings to attach (signature
 * verification against `--jwks`, secret cracking with `--wordlist`…). Steps live in main.ts.
 *
 * Steps run side by side: `start` checks the step's options (a `CliError` there is a usage error) and
 * sets its work going, resolving once it has; the next step starts while that work goes on. Signature
 * checks run on libuv's thread pool, so the other core verifies while this thread cracks secrets and
 * runs the audit rules. Their findings are attached in step order, so the report does not depend on
 * which finishes first.
 */
export interface ScanStep {
  /**
   * Called as the scan begins, before any input is read: work that needs no tokens (importing the
   * published keys) starts early; the step starts once it has settled.
   */
  prepare?(): Promise<unknown>;
  start(ctx: ScanStepContext): Promise<{ hits: Promise<readonly CaptureHit[]> }>;
}

/** What auditing the inputs needs: their names, the options, the loaded policy and the reference time. */
export interface ScanSetup {
  inputs: readonly string[];
  args: ParsedArgs;
  io: CliIo;
  policy: Policy;
  now: number;
}

/** The audit of every input together, with the problems worth a warning. */
export interface Audited {
  auditor: Auditor;
  result: AuditResult;
  problems: string[];
}

/** Checks the input list: at least one, and standard input at most once. */
export function checkInputs(inputs: readonly string[], command: string): void {
  if (inputs.length === 0)
    throw new CliError(`${command} needs at least one file, or - for standard input (see --help)`);
  if (inputs.filter((i) => i === '-').length > 1)
    throw new CliError('standard input (-) can be read only once');
}

/** `jwt-lens scan <file...|->`: audit every input together and write one report. */
export async function runScan(args: ParsedArgs, io: CliIo, steps: readonly ScanStep[]): Promise<number> {
  const inputs = args.positionals;
  checkInputs(inputs, 'scan');
  const now = parseReferenceTime(args.value('now'), io.clock());
  const format = chooseFormat(args, io);
  const policy = await loadPolicy(args.value('policy'), io);
  const baseline = await chooseBaseline(args.value('baseline'), policy, io);
  const frameworks = chooseFrameworks(args, policy.compliance?.frameworks);
  const audited = await auditInputs({ inputs, args, io, policy, now }, steps);
  const result = baseline ? addDrift(audited, baseline, now) : audited.result;
  const { problems } = audited;
  const output = args.value('output');
  const toTerminal = output === undefined || output === '-';
  const compliance = await complianceFor(result, frameworks, inputs, baseline);
  const options = {
    includeRaw: args.flag('include-raw'),
    inputs,
    problems,
    toTerminal,
    io,
    compliance,
    baseline,
  };
  const render = await loadRenderer(format);
  await writeOutput((emit) => render(result, options, emit), args, io);
  warn(problems, io);
  if (!toTerminal) io.stderr.write(`jwt-lens: wrote ${output}: ${summaryLine(result)}\n`);
  return exitCodeFor(result, args.value('fail-on'));
}

/** The drift findings of the audit against the baseline, attached like the scan steps' findings. */
function addDrift(audited: Audited, baseline: Baseline, now: number): AuditResult {
  const { auditor, result } = audited;
  const hits = driftHits(result, baseline, result.policy);
  if (hits.length === 0) return result;
  auditor.addHits(hits);
  return auditor.result(now);
}

/**
 * Reads every input into one auditor and runs the scan steps beside the audit rules (see `ScanStep`).
 * `scan` and `baseline` both audit this way, so a baseline is learned from exactly what a scan sees.
 */
export async function auditInputs(setup: ScanSetup, steps: readonly ScanStep[]): Promise<Audited> {
  const { inputs, args, io, policy, now } = setup;
  const prepared = Promise.allSettled(steps.map((step) => step.prepare?.()));
  const auditor = createAuditor({ policy });
  const problems: string[] = [];
  for (const [index, path] of inputs.entries()) {
    const capture = await loadInput(path, io);
    if (inputs.length > 1) prefixIds(capture, index);
    for (const problem of capture.problems) problems.push(`${path === '-' ? 'stdin' : path}: ${problem}`);
    auditor.add(capture);
  }
  collectGarbage();
  await prepared;
  const records = auditor.records();
  const keyDocuments = auditor.keyDocuments();
  const stepProblems = steps.map((): string[] => []);
  const running: Promise<Settled>[] = [];
  let pending = 0;
  for (const [index, step] of steps.entries()) {
    const ctx = { records, args, io, policy, now, keyDocuments, problems: stepProblems[index] ?? [] };
    pending++;
    running.push(settle((await step.start(ctx)).hits).finally(() => pending--));
    // One turn of the event loop: the step's synchronous part runs before the next one starts.
    await nextTurn();
  }
  // Work finished off this thread reports back in the turn after it ends: one more turn lets it.
  await nextTurn();
  // Steps still working off this thread (signature checks on the thread pool): run the audit rules
  // meanwhile. Their hits are cached per token, so the result once the steps' findings are attached
  // only rebuilds what those change (the findings are gathered and sorted once, then).
  if (pending > 0) auditor.prepare(now);
  for (const [index, outcome] of (await Promise.all(running)).entries()) {
    if ('error' in outcome) throw outcome.error;
    problems.push(...(stepProblems[index] ?? []));
    if (outcome.hits.length > 0) auditor.addHits(outcome.hits);
  }
  return { auditor, result: auditor.result(now), problems };
}

type Settled = { hits: readonly CaptureHit[] } | { error: unknown };

/** Holds a step's outcome, failure included, so a step failing while another starts is not unhandled. */
function settle(hits: Promise<readonly CaptureHit[]>): Promise<Settled> {
  return hits.then(
    (value) => ({ hits: value }),
    (error: unknown) => ({ error }),
  );
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Sighting ids are unique per capture only; several inputs need them apart (`1/12:0`). */
function prefixIds(capture: CaptureResult, index: number): void {
  for (const sighting of capture.sightings) {
    sighting.id = `${index}/${sighting.id}`;
    sighting.requestId = `${index}/${sighting.requestId}`;
  }
  for (const observation of capture.observations) observation.requestId = `${index}/${observation.requestId}`;
  for (const facts of capture.exchanges ?? []) facts.requestId = `${index}/${facts.requestId}`;
}

/** Echoes the first capture and step problems on stderr, one line each; the JSON report lists them all. */
export function warn(problems: readonly string[], io: CliIo): void {
  for (const problem of problems.slice(0, MAX_WARNINGS))
    io.stderr.write(`jwt-lens: warning: ${oneLine(problem)}\n`);
  if (problems.length > MAX_WARNINGS) {
    io.stderr.write(
      `jwt-lens: warning: …and ${problems.length - MAX_WARNINGS} more (listed in the JSON report)\n`,
    );
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
