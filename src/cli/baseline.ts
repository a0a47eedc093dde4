import { type Baseline, captureDigest, learnBaseline, serializeBaseline } from '../core/baseline';
import type { AuditResult } from '../core/types';
import type { OptionSpec, ParsedArgs } from './args';
import { loadBaselineFile } from './baseline-file';
import { CliError, describeFsError, EXIT } from './errors';
import type { CliIo } from './io';
import { loadPolicy } from './policy-file';
import { parseReferenceTime } from './reference-time';
import { type Audited, auditInputs, checkInputs, type ScanStep, warn } from './scan';
import { TOOL } from './version';

/** Options of `jwt-lens baseline` besides `--output`, `--policy` and `--now`; main.ts lists them. */
export const BASELINE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'update',
    kind: 'value',
    commands: ['baseline'],
    arg: 'baseline file',
    help:
      'Merge what the captures add into this baseline (first-seen dates kept, ranges widened, hand edits ' +
      'kept) and write it back in place, or to --output.',
  },
  {
    name: 'force',
    kind: 'flag',
    commands: ['baseline'],
    help: 'Replace an existing --output file. Without it, baseline refuses to overwrite a file (use --update to merge).',
  },
  {
    name: 'baseline',
    kind: 'value',
    commands: ['scan'],
    arg: 'file',
    help:
      'Report drift (drift-* findings) from this baseline, learned with `jwt-lens baseline`. Default: the ' +
      'policy’s baseline, if it has one.',
  },
];

/**
 * `jwt-lens baseline <capture...>`: learn a baseline (`-o jwt-baseline.json`, else standard output), or with
 * `--update <file>` merge the captures into it. The captures are audited exactly as `scan` audits them.
 */
export async function runBaseline(args: ParsedArgs, io: CliIo, steps: readonly ScanStep[]): Promise<number> {
  const inputs = args.positionals;
  checkInputs(inputs, 'baseline');
  const update = args.value('update');
  if (update === '-' && inputs.includes('-'))
    throw new CliError('standard input (-) can be read only once: name the baseline file for --update');
  const output = args.value('output') ?? update;
  const toStdout = output === undefined || output === '-';
  if (!toStdout && output !== update && !args.flag('force')) await refuseOverwrite(output, io);
  const prior = update === undefined ? undefined : await loadBaselineFile(update, io);
  const now = parseReferenceTime(args.value('now'), io.clock());
  const policy = await loadPolicy(args.value('policy'), io);
  const audit = (list: readonly string[]) => auditInputs({ inputs: list, args, io, policy, now }, steps);
  const { result, problems, baseline } = await learnNew(inputs, audit, prior, update);
  // An empty baseline makes every token of the next scan drift: say so rather than write it silently.
  if (result.tokens.length === 0) problems.push('no token in the captures: nothing was learned from them');
  const text = serializeBaseline(baseline);
  if (toStdout) io.stdout.write(text);
  else await writeFile(output, text, io);
  warn(problems, io);
  io.stderr.write(`jwt-lens: ${toStdout ? 'learned' : `wrote ${output}`}: ${describe(baseline, prior)}\n`);
  return EXIT.ok;
}

/**
 * Audits the inputs and learns them into `prior`, leaving out those `prior` already holds (`captures`):
 * learning one again would count its tokens and requests twice. The problems of every input are kept.
 */
async function learnNew(
  inputs: readonly string[],
  audit: (list: readonly string[]) => Promise<Audited>,
  prior: Baseline | undefined,
  update: string | undefined,
): Promise<{ result: AuditResult; problems: string[]; baseline: Baseline }> {
  const first = await audit(inputs);
  const digests = inputDigests(first.result, inputs.length);
  const known = new Set(prior?.learnedFrom.captures ?? []);
  const fresh = inputs.filter((_, i) => !known.has(digests[i] ?? ''));
  const learn = (audited: Audited, list: readonly string[], captures: string[]) =>
    learnBaseline(audited.result, { inputs: list, tool: TOOL, captures }, prior);
  if (!prior || fresh.length === inputs.length) return { ...first, baseline: learn(first, inputs, digests) };
  const old = inputs.filter((input) => !fresh.includes(input));
  const problems = [
    ...first.problems,
    `already learned into ${update}, not learned again: ${old.join(', ')}`,
  ];
  if (fresh.length === 0) return { result: first.result, problems, baseline: prior };
  const again = await audit(fresh);
  return {
    result: again.result,
    problems,
    baseline: learn(again, fresh, inputDigests(again.result, fresh.length)),
  };
}

/**
 * The digest of each input of an audit (`captureDigest`): `auditInputs` prefixes the sighting ids of each
 * of several inputs with its index (`2/…`), which tells their sightings apart.
 */
function inputDigests(result: AuditResult, count: number): string[] {
  if (count === 1) return [captureDigest(result)];
  return Array.from({ length: count }, (_, i) => captureDigest(result, (s) => s.id.startsWith(`${i}/`)));
}

/**
 * A baseline is reviewed and edited by hand (a range loosened, a claim accepted): replacing one silently
 * would lose that work. Overwriting takes `--force`; merging takes `--update`.
 */
async function refuseOverwrite(path: string, io: CliIo): Promise<void> {
  const exists = await io.fileSize(path).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new CliError(
      `${path} exists: use --update ${path} to merge the captures into it, or --force to replace it`,
    );
}

async function writeFile(path: string, text: string, io: CliIo): Promise<void> {
  const fail = (error: unknown) =>
    new CliError(`${path}: cannot write the baseline: ${describeFsError(error)}`);
  const sink = await io.openFile(path).catch((error: unknown) => {
    throw fail(error);
  });
  try {
    sink.write(text);
    await sink.close();
  } catch (error) {
    await sink.close().catch(() => {});
    throw fail(error);
  }
}

/** `6 profiles from 9 tokens (2 new)`. */
function describe(baseline: Baseline, prior: Baseline | undefined): string {
  const n = baseline.profiles.length;
  const counts = `${n} profile${n === 1 ? '' : 's'} from ${baseline.learnedFrom.tokens} tokens`;
  if (!prior) return counts;
  const added = n - prior.profiles.length;
  return `${counts} (${added} new profile${added === 1 ? '' : 's'})`;
}
