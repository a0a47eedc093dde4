import { createAuditor } from '../core/audit';
import { summaryLine } from '../core/report/table';
import type { CaptureHit, CaptureResult, KeyDocument, Policy, TokenRecord } from '../core/types';
import type { ParsedArgs } from './args';
import { CliError } from './errors';
import type { CliIo } from './io';
import { loadPolicy } from './policy-file';
import { loadInput } from './read-input';
import { parseReferenceTime } from './reference-time';
import { chooseFormat, exitCodeFor, renderReport, writeOutput } from './render';

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
 */
export type ScanStep = (ctx: ScanStepContext) => Promise<readonly CaptureHit[]>;

/** `jwt-lens scan <file...|->`: audit every input together and write one report. */
export async function runScan(args: ParsedArgs, io: CliIo, steps: readonly ScanStep[]): Promise<number> {
  const inputs = args.positionals;
  if (inputs.length === 0)
    throw new CliError('scan needs at least one file, or - for standard input (see --help)');
  if (inputs.filter((i) => i === '-').length > 1)
    throw new CliError('standard input (-) can be read only once');
  const now = parseReferenceTime(args.value('now'), io.clock());
  const format = chooseFormat(args, io);
  const policy = await loadPolicy(args.value('policy'), io);
  const auditor = createAuditor({ policy });
  const problems: string[] = [];
  const keyDocuments: KeyDocument[] = [];
  for (const [index, path] of inputs.entries()) {
    const capture = await loadInput(path, io);
    if (inputs.length > 1) prefixIds(capture, index);
    for (const problem of capture.problems) problems.push(`${path === '-' ? 'stdin' : path}: ${problem}`);
    auditor.add(capture);
    keyDocuments.push(...capture.keyDocuments);
  }
  for (const step of steps) {
    const hits = await step({ records: auditor.records(), args, io, policy, now, keyDocuments, problems });
    if (hits.length > 0) auditor.addHits(hits);
  }
  const result = auditor.result(now);
  const output = args.value('output');
  const toTerminal = output === undefined || output === '-';
  const options = { includeRaw: args.flag('include-raw'), inputs, problems, toTerminal, io };
  await writeOutput((emit) => renderReport(result, format, options, emit), args, io);
  warn(problems, io);
  if (!toTerminal) io.stderr.write(`jwt-lens: wrote ${output}: ${summaryLine(result)}\n`);
  return exitCodeFor(result, args.value('fail-on'));
}

/** Sighting ids are unique per capture only; several inputs need them apart (`1/12:0`). */
function prefixIds(capture: CaptureResult, index: number): void {
  for (const sighting of capture.sightings) {
    sighting.id = `${index}/${sighting.id}`;
    sighting.requestId = `${index}/${sighting.requestId}`;
  }
  for (const observation of capture.observations) observation.requestId = `${index}/${observation.requestId}`;
}

function warn(problems: readonly string[], io: CliIo): void {
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
