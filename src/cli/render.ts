import { severityRank } from '../core/audit';
import type { Baseline } from '../core/baseline/types';
import type { ComplianceReport } from '../core/compliance/types';
import type { ProbeRun } from '../core/probe';
import type { ReportOptions } from '../core/report/report-types';
import { toTable } from '../core/report/table';
import { writeJsonReport } from '../core/report/write-json-report';
import type { AuditResult, Severity } from '../core/types';
import type { OptionSpec, ParsedArgs } from './args';
import { CliError, describeFsError, EXIT } from './errors';
import type { CliIo } from './io';
import { runLines } from './probe/probe-lines';
import { TOOL } from './version';

export const FORMATS = ['table', 'json', 'sarif', 'md', 'html'] as const;
export type Format = (typeof FORMATS)[number];
/**
 * A format, or Markdown filed by standard and requirement (`--format md --group-by standard`), or by
 * framework control (`--group-by framework`, the default for Markdown with `--compliance`).
 */
export type Layout = Format | 'md-by-standard' | 'md-by-framework';

const GROUP_BY = ['token', 'standard', 'framework'] as const;

/** Options that shape the report rather than the scan; main.ts lists them with the others. */
export const RENDER_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'group-by',
    kind: 'value',
    commands: ['scan'],
    choices: GROUP_BY,
    arg: GROUP_BY.join('|'),
    help:
      'How --format md files findings: token (default: by severity, with a table of tokens), standard ' +
      '(under each requirement they cite: RFC 8725, OWASP ASVS 5.0, CWE, NIST SP 800-63B…) or framework ' +
      '(a status table per compliance framework, then each failing control with its findings; the default ' +
      'with --compliance).',
  },
];

/** `--output` names whose extension says the format, when `--format` is not given. */
const BY_EXTENSION: Record<string, Format> = {
  json: 'json',
  sarif: 'sarif',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  txt: 'table',
};

/** Width for tables written to a file or a pipe, where there is no terminal to ask. */
const DEFAULT_WIDTH = 120;

/**
 * The output format: `--format`, else the `--output` file's extension, else a table for a terminal
 * and JSON for a pipe or file (so `jwt-lens scan x.har | jq` just works). `--group-by` applies to
 * Markdown only: with any other format it is a usage error, not silently ignored.
 */
export function chooseFormat(args: ParsedArgs, io: CliIo): Layout {
  const format = formatOf(args, io);
  const groupBy = args.value('group-by');
  if (groupBy === undefined)
    return format === 'md' && args.value('compliance') !== undefined ? 'md-by-framework' : format;
  if (format !== 'md')
    throw new CliError(
      `option --group-by applies to Markdown only (add --format md); the format is ${format}`,
    );
  if (groupBy === 'framework') return 'md-by-framework';
  return groupBy === 'standard' ? 'md-by-standard' : 'md';
}

function formatOf(args: ParsedArgs, io: CliIo): Format {
  const asked = args.value('format');
  if (asked) return asked as Format;
  const output = args.value('output');
  if (output) return BY_EXTENSION[output.split('.').pop()?.toLowerCase() ?? ''] ?? 'json';
  return io.stdout.isTTY ? 'table' : 'json';
}

/** What a report needs beyond the result. */
export interface RenderOptions {
  includeRaw: boolean;
  inputs: readonly string[];
  problems: readonly string[];
  /** Colours and terminal width apply to tables written to a terminal. */
  toTerminal: boolean;
  io: CliIo;
  /** Statuses per control, when `--compliance` (or the policy) asked for them. */
  compliance?: ComplianceReport;
  /** The runs of `probe` (URLs masked): the JSON report's `probes` section, lines under a table. */
  probes?: readonly ProbeRun[];
  /** The baseline the scan compared with, for statuses computed here (`md-by-framework`). */
  baseline?: Baseline | undefined;
}

/** Writes the report in the chosen format to `emit`. */
export type Renderer = (result: AuditResult, options: RenderOptions, emit: (chunk: string) => void) => void;

/**
 * The writer of `format`: JSON (streamed item by item) and the table are always loaded; SARIF, Markdown
 * and HTML are imported when asked for, so a run loads only the writer it uses.
 */
export async function loadRenderer(format: Layout): Promise<Renderer> {
  if (format === 'json' || format === 'table')
    return (result, options, emit) => render(result, format, options, emit);
  const writer = (await import('./report-formats')).LAZY_WRITERS[format];
  if (!writer) throw new Error(`no writer for the ${format} format`);
  return (result, options, emit) => writer(result, reportOptions(options), emit, options.baseline);
}

function reportOptions(options: RenderOptions): ReportOptions {
  return {
    includeRaw: options.includeRaw,
    tool: TOOL,
    inputs: options.inputs,
    problems: options.problems,
    ...(options.compliance ? { compliance: options.compliance } : {}),
    ...(options.probes ? { probes: [...options.probes] } : {}),
  };
}

function render(
  result: AuditResult,
  format: 'json' | 'table',
  options: RenderOptions,
  emit: (chunk: string) => void,
): void {
  if (format === 'json') {
    // A file sink buffers its writes: pieces are cheaper to encode than joined chunks (see chunkChars).
    writeJsonReport(result, reportOptions(options), emit, { chunkChars: options.toTerminal ? undefined : 0 });
    return;
  }
  const { io, toTerminal } = options;
  const color = toTerminal && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const width = toTerminal ? (io.stdout.columns ?? DEFAULT_WIDTH) : DEFAULT_WIDTH;
  emit(toTable(result, { color, width, includeRaw: options.includeRaw }));
  if (options.compliance) emit(complianceLines(options.compliance));
  for (const run of options.probes ?? []) emit(`\n${runLines(run).join('\n')}\n`);
}

/** Under a table: one line of status counts per framework (the other formats carry every control). */
function complianceLines(compliance: ComplianceReport): string {
  const lines = compliance.frameworks.map(({ framework, summary }) => {
    const counts = Object.entries(summary)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
    return `  ${framework.name} ${framework.version}: ${counts}`;
  });
  return `\nCompliance (controls per status; --format json, md or html for each control):\n${lines.join('\n')}\n`;
}

/**
 * Sends what `render` writes to `--output` (a file written as it goes, never held whole) or stdout.
 * A file that cannot be opened or written is a one-line error naming it.
 */
export async function writeOutput(
  render: (emit: (chunk: string) => void) => void,
  args: ParsedArgs,
  io: CliIo,
) {
  const output = args.value('output');
  if (output === undefined || output === '-') {
    render((chunk) => io.stdout.write(chunk));
    return;
  }
  const fail = (error: unknown) =>
    new CliError(`${output}: cannot write the report: ${describeFsError(error)}`);
  const sink = await io.openFile(output).catch((error: unknown) => {
    throw fail(error);
  });
  try {
    render((chunk) => sink.write(chunk));
    // Closing writes what the sink still buffers: its errors are the file's too.
    await sink.close();
  } catch (error) {
    await sink.close().catch(() => {});
    throw error instanceof CliError ? error : fail(error);
  }
}

/** 1 when any finding is at or above `--fail-on`, else 0. No `--fail-on` (or `none`) never fails. */
export function exitCodeFor(result: AuditResult, failOn: string | undefined): number {
  if (failOn === undefined || failOn === 'none') return EXIT.ok;
  const threshold = severityRank(failOn as Severity);
  return result.findings.some((f) => severityRank(f.severity) <= threshold) ? EXIT.findings : EXIT.ok;
}
