/**
 * The `jwt-lens` command line: argv → core → stdout, with exit codes 0 (ran), 1 (findings at or
 * above `--fail-on`) and 2 (usage or input error, one line on stderr). `bin/jwt-lens.js` calls
 * `run(process.argv.slice(2))`; tests call `run(argv, fakeIo)` in-process.
 */

import { setTextDigest } from '../core/crypto/fingerprint';
import { type OptionSpec, type ParsedArgs, parseArgs, suggest } from './args';
import { BASELINE_OPTIONS, runBaseline } from './baseline';
import { COMPLIANCE_OPTIONS } from './compliance-option';
import { CRACK_OPTIONS, createCrackStep } from './crack/crack-step';
import { runDecode } from './decode';
import { CliError, EXIT } from './errors';
import { COMMAND_HELP, formatHelp } from './help';
import { type CliIo, createNodeIo } from './io';
import { nodeTextDigest } from './node-digest';
import { PROBE_OPTIONS } from './probe/options';
import { runProbe } from './probe/probe';
import { FORMATS, RENDER_OPTIONS } from './render';
import { runScan, type ScanStep } from './scan';
import { createVerifyStep, VERIFY_OPTIONS } from './verify-step';
import { TOOL } from './version';

const BOTH = ['scan', 'decode'] as const;
/** Options every command takes, `baseline` and `probe` included. */
const ALL = ['scan', 'decode', 'baseline', 'probe'] as const;
const SEVERITY_CHOICES = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;

/** Every option. Add a row here to add a flag; read it in a command with `args.value(name)`. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'format',
    kind: 'value',
    commands: ALL,
    choices: FORMATS,
    arg: FORMATS.join('|'),
    help:
      'Output format; html is the self-contained audit report (with a status table per framework when ' +
      '--compliance or the policy names frameworks). Default: table on a terminal, json otherwise (or from ' +
      'the --output extension).',
  },
  {
    name: 'output',
    short: 'o',
    kind: 'value',
    commands: ALL,
    arg: 'file',
    help: 'Write the report (for baseline: the baseline) to a file.',
  },
  {
    name: 'fail-on',
    kind: 'value',
    commands: ALL,
    choices: SEVERITY_CHOICES,
    arg: 'severity',
    help: 'Exit 1 when a finding is at or above this severity (critical, high, medium, low, info). Default: none.',
  },
  {
    name: 'now',
    kind: 'value',
    commands: ALL,
    arg: 'ISO time',
    help:
      'Reference time (UTC if no zone) for tokens with no request time (token lists, decode) and relative ' +
      "times; tokens from a HAR are judged at their requests' own times. Default: now.",
  },
  {
    name: 'policy',
    kind: 'value',
    commands: ALL,
    arg: 'file',
    help: 'Policy JSON (allowed algs, lifetimes, ignore list…).',
  },
  {
    name: 'include-raw',
    kind: 'flag',
    commands: BOTH,
    help: 'Put raw tokens and unmasked values in the report. Treat such a report as a secret.',
  },
  ...RENDER_OPTIONS,
  ...COMPLIANCE_OPTIONS,
  ...CRACK_OPTIONS,
  ...VERIFY_OPTIONS,
  ...BASELINE_OPTIONS,
  ...PROBE_OPTIONS,
  { name: 'help', short: 'h', kind: 'flag', commands: ALL, help: 'Show this help.' },
  { name: 'version', short: 'V', kind: 'flag', commands: ALL, help: 'Show the version.' },
];

/** Checks run after capture and before the report (signatures, secret cracking); see `ScanStep`. */
export const SCAN_STEPS: readonly ScanStep[] = [createVerifyStep(), createCrackStep()];

/** A command: parsed arguments and the outside world in, exit code out. */
export type Command = (args: ParsedArgs, io: CliIo) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  scan: (args, io) => runScan(args, io, SCAN_STEPS),
  decode: runDecode,
  baseline: (args, io) => runBaseline(args, io, SCAN_STEPS),
  probe: (args, io) => runProbe(args, io),
};

/** Runs the CLI and resolves to its exit code. Never throws and never prints a stack trace. */
export async function run(
  argv: readonly string[],
  io: Partial<CliIo> = {},
  /** Commands replaced by tests (a probe with a fixed plan and a counting sender). */
  commands: Partial<Record<string, Command>> = {},
): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  // Fingerprints with node:crypto's SHA-256: the same digest as the engine's portable one, several times faster.
  setTextDigest(nodeTextDigest);
  try {
    return await dispatch(argv, full, { ...COMMANDS, ...commands });
  } catch (error) {
    const message = error instanceof CliError ? error.message : `internal error: ${describe(error)}`;
    full.stderr.write(`jwt-lens: ${message.replace(/[\r\n]+/g, ' ')}\n`);
    return EXIT.error;
  }
}

async function dispatch(
  argv: readonly string[],
  io: CliIo,
  commands: Partial<Record<string, Command>>,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(formatHelp(OPTIONS));
    return EXIT.error;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(formatHelp(OPTIONS, rest[0] && COMMAND_HELP[rest[0]] ? rest[0] : undefined));
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  const command = commands[first];
  if (!command || !Object.hasOwn(COMMANDS, first)) {
    if (first.startsWith('-'))
      throw new CliError(`expected a command (scan, decode, baseline or probe) before ${first}; see --help`);
    const guess = suggest(first, Object.keys(COMMANDS));
    throw new CliError(`unknown command "${first}"${guess ? ` (did you mean ${guess}?)` : ''}; see --help`);
  }
  const args = parseArgs(first, rest, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(formatHelp(OPTIONS, first));
    return EXIT.ok;
  }
  if (args.flag('version')) {
    io.stdout.write(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  return command(args, io);
}

/** Node's stdio and file system, created only for what the caller did not supply. */
let nodeIo: CliIo | undefined;
function defaultIo(): CliIo {
  nodeIo ??= createNodeIo();
  return nodeIo;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
