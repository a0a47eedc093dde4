import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { fakeJwt, makeEntry, makeHar } from '../core/capture/har-builders';
import { createReportValidator } from '../core/report/schema-validator';
import { DEMO, fixture, runCli } from './fake-io';

const validate = createReportValidator();
const ESC = String.fromCharCode(27);

async function scanJson(argv: string[], options: Parameters<typeof runCli>[1] = {}) {
  const result = await runCli(['scan', '--format', 'json', ...argv], options);
  return { ...result, report: JSON.parse(result.stdout || 'null') as JsonReport };
}

describe('scan: formats', () => {
  it('writes JSON when stdout is not a terminal, valid against the schema', async () => {
    const result = await runCli(['scan', DEMO]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(validate(report)).toEqual([]);
    expect(report.tool.name).toBe('jwt-lens');
    expect(report.referenceTime).toBe('2025-03-14T09:30:00.000Z');
    expect(report.inputs).toEqual([DEMO]);
    expect(report.rawIncluded).toBe(false);
    expect(report.tokens.length).toBeGreaterThanOrEqual(8);
  });

  it('writes a table on a terminal, coloured unless NO_COLOR', async () => {
    const tty = await runCli(['scan', DEMO], { stdoutTty: true, columns: 100 });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(/^SEVERITY {2}RULE/);
    expect(tty.stdout).toMatch(/\n\d+ findings in \d+ tokens: /);
    expect(tty.stdout).toContain(`${ESC}[1;31mCRITICAL`);
    for (const line of tty.stdout.replaceAll(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '').split('\n')) {
      expect(Array.from(line).length).toBeLessThanOrEqual(100);
    }
    const plain = await runCli(['scan', DEMO], { stdoutTty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ESC);
  });

  it('writes SARIF 2.1.0', async () => {
    const result = await runCli(['scan', '--format', 'sarif', DEMO]);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
    expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(5);
  });

  it('writes Markdown', async () => {
    const result = await runCli(['scan', '--format=md', DEMO]);
    expect(result.stdout).toMatch(/^# JWT Lens report\n/);
    expect(result.stdout).toContain('## Tokens');
  });

  it('writes to --output, choosing the format from the extension, and says so on stderr', async () => {
    const result = await runCli(['scan', DEMO, '--output', 'out.sarif']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.written.get('out.sarif') ?? '').version).toBe('2.1.0');
    expect(result.stderr).toMatch(/^jwt-lens: wrote out\.sarif: \d+ findings in \d+ tokens/);
    const md = await runCli(['scan', DEMO, '-o', 'report.md']);
    expect(md.written.get('report.md')).toMatch(/^# JWT Lens report/);
  });

  it('fails with one line when --output cannot be written', async () => {
    const result = await runCli(['scan', DEMO, '--output', '/nonexistent/r.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: /nonexistent/r.json: cannot write the report: no such file\n');
  });

  it('fails with one line when the disk fills up while writing', async () => {
    const result = await runCli(['scan', DEMO, '--output', '/full/r.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: /full/r.json: cannot write the report: no space left on the device\n',
    );
  });
});

describe('scan: exit codes and --fail-on', () => {
  it.each([
    [[], 0],
    [['--fail-on', 'none'], 0],
    [['--fail-on', 'critical'], 1],
    [['--fail-on', 'high'], 1],
    [['--fail-on', 'info'], 1],
  ])('demo.har with %j exits %i', async (flags, code) => {
    expect((await runCli(['scan', DEMO, '--format', 'json', ...flags])).code).toBe(code);
  });

  it('exits 0 with --fail-on when nothing reaches the threshold', async () => {
    const result = await runCli(['scan', '-', '--fail-on', 'critical'], { stdin: 'not a token at all\n' });
    expect(result.code).toBe(0);
  });
});

describe('scan: inputs', () => {
  it('reads a token list: one candidate per non-empty line, named file:line', async () => {
    const { report, code } = await scanJson([fixture('tokens.txt')]);
    expect(code).toBe(0);
    const names = report.tokens.flatMap((t) => t.sightings.map((s) => `${s.where} ${s.name}`));
    expect(names).toEqual([1, 3, 4, 5].map((line) => `input test/fixtures/tokens.txt:${line}`));
    const truncated = report.tokens.find((t) => t.sightings[0]?.name.endsWith(':3'));
    const rules = report.findings
      .filter((f) => f.fingerprint === truncated?.fingerprint)
      .map((f) => f.ruleId);
    expect(rules).toContain('fmt-malformed');
    for (const never of ['alg-none', 'sig-stripped', 'exp-missing']) expect(rules).not.toContain(never);
  });

  it('reads tokens from standard input', async () => {
    const { report } = await scanJson(['-'], { stdin: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\n\n' });
    expect(report.tokens).toHaveLength(1);
    expect(report.tokens[0]?.sightings[0]?.name).toBe('stdin:1');
    expect(report.findings.map((f) => f.ruleId)).toContain('alg-none');
  });

  it('reads a HAR from standard input', async () => {
    const { report } = await scanJson(['-'], { stdin: readFileSync(DEMO, 'utf8') });
    expect(report.tokens.length).toBeGreaterThanOrEqual(8);
    expect(report.tokens[0]?.sightings[0]?.where).not.toBe('input');
  });

  it('audits several inputs together with distinct sighting ids', async () => {
    const { report } = await scanJson([DEMO, fixture('tokens.txt')]);
    const ids = report.tokens.flatMap((t) => t.sightings.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.startsWith('0/'))).toBe(true);
    expect(ids.some((id) => id.startsWith('1/'))).toBe(true);
  });

  it('prefixes the lifecycle exchanges of several inputs like their sightings (verdicts need their facts)', async () => {
    // An expired token answered by a redirect to the dashboard: accepted only if the Location is found.
    const expired = fakeJwt({ sub: 'u1', exp: Date.parse('2025-03-14T08:00:00Z') / 1000 });
    const har = makeHar([
      makeEntry({
        url: 'https://app.example.test/account',
        status: 302,
        requestHeaders: [{ name: 'Authorization', value: `Bearer ${expired}` }],
        responseHeaders: [{ name: 'Location', value: '/dashboard' }],
      }),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-scan-'));
    const file = join(dir, 'redirect.har');
    writeFileSync(file, JSON.stringify(har));
    try {
      const { report } = await scanJson([fixture('tokens.txt'), file]);
      expect(report.findings.map((f) => f.ruleId)).toContain('exp-expired-accepted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scan: input errors exit 2 with one line naming file, place and problem', () => {
  it.each([
    ['not-json.har', "not valid JSON: unexpected 'H' at line 1, column 1 (byte 0)"],
    ['empty.har', 'empty file, expected JSON'],
    ['missing.har', 'no such file'],
  ])('%s', async (name, problem) => {
    const result = await runCli(['scan', fixture(name)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`jwt-lens: ${fixture(name)}: ${problem}\n`);
  });

  it.each([['not-har.har'], ['wrong-types.har']])('%s is rejected as not a HAR', async (name) => {
    const result = await runCli(['scan', fixture(name)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^jwt-lens: test/fixtures/${name.replace('.', '\\.')}: \\S.*\\n$`),
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a HAR cut before its first entry could not be read at all', async () => {
    const result = await runCli(['scan', 'cut.har'], { files: { 'cut.har': '{"log": {"entries": [' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: cut.har: not valid JSON: unexpected end of input at byte 21 (file truncated?)\n',
    );
  });

  it('names a directory as such', async () => {
    const result = await runCli(['scan', 'test/fixtures']);
    expect(result.stderr).toBe('jwt-lens: test/fixtures: is a directory, not a file\n');
  });

  it('rejects a .json file that is not JSON, counting bytes in UTF-8', async () => {
    const result = await runCli(['scan', 'x.json'], { files: { 'x.json': '{"é": [1, 2,, 3]}' } });
    expect(result.stderr).toBe(
      "jwt-lens: x.json: not valid JSON: unexpected ',' at line 1, column 13 (byte 13)\n",
    );
  });
});

describe('scan: a HAR cut short', () => {
  const size = readFileSync(fixture('truncated.har')).length;

  it('reports the entries before the cut, with one warning naming the byte', async () => {
    const { code, stderr, report } = await scanJson([fixture('truncated.har')]);
    expect(code).toBe(0);
    const problem = `test/fixtures/truncated.har: not valid JSON: unexpected end of input at byte ${size} (file truncated?); the 10 entries before it were read`;
    expect(stderr).toBe(`jwt-lens: warning: ${problem}\n`);
    expect(report.problems).toEqual([problem]);
    expect(report.tokens.length).toBeGreaterThan(0);
    expect(validate(report)).toEqual([]);
  });

  it('reads a HAR on standard input as it comes, cut short too', async () => {
    const text = readFileSync(fixture('truncated.har'), 'utf8');
    const { code, report } = await scanJson(['-'], { stdin: text });
    expect(code).toBe(0);
    expect(report.problems).toEqual([
      `stdin: not valid JSON: unexpected end of input at byte ${size} (file truncated?); the 10 entries before it were read`,
    ]);
  });

  it('names the byte where a broken entry starts going wrong, and reads the entries after it', async () => {
    const good = makeEntry({
      url: 'https://api.example.test/a',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${fakeJwt({ sub: 'a' })}` }],
    });
    const text = `{"log": {"entries": [${JSON.stringify(good)}, {"request": tru}, ${JSON.stringify(good)}]}}`;
    const { code, report } = await scanJson(['broken.har'], { files: { 'broken.har': text } });
    expect(code).toBe(0);
    const at = Buffer.byteLength(text.slice(0, text.indexOf('tru}')));
    expect(report.problems).toEqual([`broken.har: entry 1: not valid JSON: unexpected 't' at byte ${at}`]);
    expect(report.tokens[0]?.sightings.map((s) => s.id.split(':')[0])).toEqual(['0', '2']);
  });
});

describe('scan: capture problems', () => {
  it('warns on stderr about skipped entries, still exits 0 and lists them in the report', async () => {
    const { code, stderr, report } = await scanJson([fixture('bad-entries.har')]);
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines)
      expect(line).toMatch(/^jwt-lens: warning: test\/fixtures\/bad-entries\.har: entry \d/);
    expect(report.problems).toEqual(lines.map((l) => l.replace('jwt-lens: warning: ', '')));
  });
});

describe('scan: progress', () => {
  it('shows progress on a terminal for files over 10 MB, and clears it', async () => {
    const result = await runCli(['scan', DEMO], { stderrTty: true, sizes: { [DEMO]: 20 * 1024 * 1024 } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('jwt-lens: reading test/fixtures/demo.har');
    expect(result.stderr.endsWith(`\r${ESC}[2K`)).toBe(true);
  });

  it('stays quiet for small files and for pipes', async () => {
    expect((await runCli(['scan', DEMO], { stderrTty: true })).stderr).toBe('');
    expect((await runCli(['scan', DEMO], { sizes: { [DEMO]: 20 * 1024 * 1024 } })).stderr).toBe('');
  });
});

describe('scan: options', () => {
  it('--include-raw puts raw tokens in', async () => {
    const { report } = await scanJson([DEMO, '--include-raw']);
    expect(report.rawIncluded).toBe(true);
    expect(report.tokens.every((t) => typeof t.raw === 'string' && t.raw.length > 20)).toBe(true);
    expect(validate(report)).toEqual([]);
  });

  it('--policy ignores rules and reports how many were ignored', async () => {
    const files = { 'policy.json': JSON.stringify({ ignore: [{ ruleId: 'alg-none', reason: 'demo' }] }) };
    const { report } = await scanJson([DEMO, '--policy', 'policy.json'], { files });
    expect(report.findings.map((f) => f.ruleId)).not.toContain('alg-none');
    expect(report.ignoredCount).toBeGreaterThanOrEqual(1);
    expect(report.policy.ignore).toEqual([{ ruleId: 'alg-none', reason: 'demo' }]);
  });

  it.each([
    [
      '{"ignore": [',
      /^jwt-lens: p\.json: not valid JSON: unexpected end of input at byte 12 \(file truncated\?\)\n$/,
    ],
    ['{"ignore": [{"ruleId": "no-such-rule"}]}', /^jwt-lens: p\.json: invalid policy: .*no-such-rule.*\n$/],
  ])('rejects a bad policy %s with one line', async (text, expected) => {
    const result = await runCli(['scan', DEMO, '--policy', 'p.json'], { files: { 'p.json': text } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
  });

  it('--now moves the reference time', async () => {
    const { report } = await scanJson([DEMO, '--now', '2030-01-01']);
    expect(report.referenceTime).toBe('2030-01-01T00:00:00.000Z');
    const zoneless = await scanJson([DEMO, '--now', '2025-03-14T10:00']);
    expect(zoneless.report.referenceTime).toBe('2025-03-14T10:00:00.000Z');
  });

  it('judges a HAR at its request times: scanning it a year later reports the same findings', async () => {
    const findings = async (now: string) =>
      (await scanJson([DEMO, '--now', now])).report.findings.map((f) => ({
        rule: f.ruleId,
        token: f.fingerprint,
        severity: f.severity,
        detail: f.detail,
      }));
    const atRecording = await findings('2025-03-14T09:30:00Z');
    expect(await findings('2026-03-14T09:30:00Z')).toEqual(atRecording);
    const expired = atRecording.filter((f) => f.rule === 'exp-expired');
    expect(expired.map((f) => f.detail)).toEqual([
      'Used at 2025-03-14T09:00:41Z, 1 d after it expired at 2025-03-13T09:00:00Z (request time).',
    ]);
  });

  it('judges a token list, which has no request times, at --now', async () => {
    const expiredAt = async (now: string) =>
      (await scanJson([fixture('tokens.txt'), '--now', now])).report.findings.filter(
        (f) => f.ruleId === 'exp-expired',
      ).length;
    expect(await expiredAt('2025-03-14T09:00:00Z')).toBeLessThan(await expiredAt('2035-01-01T00:00:00Z'));
  });
});
