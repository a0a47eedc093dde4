import { describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { parseArgs, suggest } from '../../src/cli/args';
import { OPTIONS, run } from '../../src/cli/main';
import { createFakeIo, DEMO, runCli } from './fake-io';

/** Exit 2 with exactly one line on stderr, nothing on stdout, and no stack trace. */
function expectUsageError(
  result: { code: number; stdout: string; stderr: string },
  message: string | RegExp,
) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  if (typeof message === 'string') expect(result.stderr).toBe(`jwt-lens: ${message}\n`);
  else expect(result.stderr).toMatch(message);
}

describe('jwt-lens --help and --version', () => {
  it.each([['--help'], ['-h'], ['help']])(
    '%s prints usage with commands, options and exit codes',
    async (flag) => {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: jwt-lens <command> [options]');
      for (const text of [
        'scan <file...|->',
        'decode <token|->',
        '--format <table|json|sarif|md|html>',
        '--fail-on',
        'Exit codes:',
      ]) {
        expect(result.stdout).toContain(text);
      }
      expect(result.stderr).toBe('');
    },
  );

  it('prints help for one command', async () => {
    const result = await runCli(['scan', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: jwt-lens scan <file...|-> [options]');
    expect(result.stdout).not.toContain('decode <token|->');
  });

  it('prints the probe command with its options and says what it sends', async () => {
    const result = await runCli(['probe', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Usage: jwt-lens probe <file.har> --entry <index|URL substring> [options]',
    );
    for (const option of [
      '--entry',
      '--token',
      '--allow-host',
      '--allow-unsafe-methods',
      '--dry-run',
      '--timeout',
    ])
      expect(result.stdout).toContain(option);
    expect(result.stdout).not.toContain('--include-raw');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'probe sends only when run, only the requests --dry-run lists, only to the origin of the captured request',
    );
    const scan = await runCli(['scan', '--help']);
    expect(scan.stdout).not.toMatch(/^ +--dry-run$/m);
  });

  it.each([['--version'], ['-V'], ['scan', '--version']])(
    '%s prints the package version',
    async (...argv) => {
      const result = await runCli(argv);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    },
  );

  it('prints usage on stderr and exits 2 without arguments', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });
});

describe('usage errors: exit 2, one line', () => {
  it.each([
    [['scna', DEMO], 'unknown command "scna" (did you mean scan?); see --help'],
    [['frobnicate'], 'unknown command "frobnicate"; see --help'],
    [
      ['--format', 'json', 'scan'],
      'expected a command (scan, decode, baseline or probe) before --format; see --help',
    ],
    [['scan', '--formt', 'json', DEMO], 'unknown option --formt (did you mean --format?)'],
    [['scan', '--fail-onn', 'high', DEMO], 'unknown option --fail-onn (did you mean --fail-on?)'],
    [['scan', '--zzz', DEMO], 'unknown option --zzz'],
    [['scan', DEMO, '--format'], 'option --format needs a value (table|json|sarif|md|html)'],
    [['scan', '--format', 'xml', DEMO], 'option --format: "xml" is not one of table, json, sarif, md, html'],
    [
      ['scan', '--fail-on=severe', DEMO],
      'option --fail-on: "severe" is not one of critical, high, medium, low, info, none',
    ],
    [['scan', '--include-raw=yes', DEMO], 'option --include-raw takes no value'],
    [
      ['scan', '--now', 'yesterday', DEMO],
      'option --now: "yesterday" is not an ISO 8601 time (like 2025-03-14T09:30:00Z)',
    ],
    [
      ['scan', '--now', '2025-02-30T00:00:00Z', DEMO],
      'option --now: "2025-02-30T00:00:00Z" is not a valid date',
    ],
    [['scan'], 'scan needs at least one file, or - for standard input (see --help)'],
    [['scan', '-', '-'], 'standard input (-) can be read only once'],
    [['decode'], 'decode needs exactly one token, or - to read it from standard input (see --help)'],
    [
      ['decode', 'a', 'b'],
      'decode needs exactly one token, or - to read it from standard input (see --help)',
    ],
    [['probe'], 'probe needs exactly one HAR file (see --help)'],
    [['probe', DEMO, DEMO, '--entry', '0'], 'probe needs exactly one HAR file (see --help)'],
    [['probe', DEMO, '--include-raw', '--entry', '0'], 'option --include-raw does not apply to probe'],
    [['scan', '--dry-run', DEMO], 'option --dry-run does not apply to scan'],
    [['scan', '--allow-host', 'x', DEMO], 'option --allow-host does not apply to scan'],
  ])('%j', async (argv, message) => {
    expectUsageError(await runCli(argv), message);
  });
});

describe('never a stack trace', () => {
  it('turns an unexpected failure into one internal-error line', async () => {
    const { io, result } = createFakeIo();
    io.stdout.write = () => {
      throw new TypeError('stream exploded\n    at somewhere (file.js:1:1)');
    };
    const code = await run(['scan', '--format', 'json', DEMO], io);
    expect(code).toBe(2);
    expect(result().stderr).toBe(
      'jwt-lens: internal error: stream exploded     at somewhere (file.js:1:1)\n',
    );
  });
});

describe('parseArgs', () => {
  it('reads --name value, --name=value, short names, repeats and --', () => {
    const args = parseArgs(
      'scan',
      ['-o', 'out.json', '--format=sarif', 'a.har', '--now', 'x', '--now', 'y', '--', '--b'],
      OPTIONS,
    );
    expect(args.positionals).toEqual(['a.har', '--b']);
    expect(args.value('output')).toBe('out.json');
    expect(args.value('format')).toBe('sarif');
    expect(args.value('now')).toBe('y');
    expect(args.values('now')).toEqual(['x', 'y']);
    expect(args.flag('include-raw')).toBe(false);
  });

  it('takes - as a positional (standard input)', () => {
    expect(parseArgs('scan', ['-'], OPTIONS).positionals).toEqual(['-']);
  });

  it('suggests only close words', () => {
    expect(suggest('fromat', ['format', 'output'])).toBe('format');
    expect(suggest('out', ['format', 'output'])).toBe('output');
    expect(suggest('xyz', ['format', 'output'])).toBeUndefined();
  });
});
