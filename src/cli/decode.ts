import { auditCapture } from '../core/audit';
import { toTable } from '../core/report/table';
import type { CaptureResult } from '../core/types';
import type { ParsedArgs } from './args';
import { formatDecoded } from './decode-view';
import { CliError } from './errors';
import type { CliIo } from './io';
import { loadPolicy } from './policy-file';
import { parseReferenceTime } from './reference-time';
import { exitCodeFor, type Format, loadRenderer, writeOutput } from './render';

/**
 * `jwt-lens decode <token|->`: the token's header and claims with readable times, then its findings.
 * The token is the user's own input, shown back on their terminal, so claims are not masked here;
 * `--format json|sarif|md` writes the usual (redacted) report instead.
 */
export async function runDecode(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new CliError('decode needs exactly one token, or - to read it from standard input (see --help)');
  }
  const given = args.positionals[0] ?? '';
  const text = (given === '-' ? await io.readStdin() : given).trim();
  if (text === '') throw new CliError('decode: the token is empty');
  const now = parseReferenceTime(args.value('now'), io.clock());
  const policy = await loadPolicy(args.value('policy'), io);
  const result = auditCapture([singleToken(text)], { policy, now });
  const record = result.tokens[0];
  if (!record) throw new CliError('decode: the token could not be read');
  const format = (args.value('format') ?? 'table') as Format;
  const output = args.value('output');
  const toTerminal = output === undefined || output === '-';
  const includeRaw = args.flag('include-raw');
  if (format === 'table') {
    const color = toTerminal && io.stdout.isTTY === true && !io.env.NO_COLOR;
    const width = toTerminal ? (io.stdout.columns ?? 120) : 120;
    const findings = result.findings.length
      ? toTable(result, { color, width, includeRaw: true })
      : 'No findings.\n';
    await writeOutput((emit) => emit(`${formatDecoded(record, now)}\nFindings\n${findings}`), args, io);
  } else {
    const options = { includeRaw, inputs: [], problems: [], toTerminal, io };
    const render = await loadRenderer(format);
    await writeOutput((emit) => render(result, options, emit), args, io);
  }
  return exitCodeFor(result, args.value('fail-on'));
}

function singleToken(text: string): CaptureResult {
  return {
    sightings: [
      {
        id: 'argument',
        tokenText: text,
        where: 'input',
        name: 'argument',
        url: '',
        method: '',
        status: 0,
        scheme: '',
        startedAt: '',
        requestId: 'argument',
      },
    ],
    observations: [],
    keyDocuments: [],
    problems: [],
    entryCount: 1,
  };
}
