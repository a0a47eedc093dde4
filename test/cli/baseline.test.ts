import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/core/baseline';
import type { JsonReport } from '../../src/core/report/report-types';
import { createBaselineValidator } from '../core/baseline/baseline-schema';
import { createPersonalCapture } from '../core/baseline/personal-capture';
import { fakeJwt, makeEntry, makeHar } from '../core/capture/har-builders';
import { createReportValidator } from '../core/report/schema-validator';
import { createCleanCapture } from './clean-capture';
import { DEMO, runCli } from './fake-io';

const validate = createBaselineValidator();
const validateReport = createReportValidator();
const SUPANOTES = 'test/corpus/flows/supanotes-2024-07-playwright-supabase.har';
let personalHar: string;
beforeAll(async () => {
  personalHar = JSON.stringify((await createPersonalCapture()).har);
});

/** One line on stderr, `jwt-lens: …`, exit 2. */
function expectOneLineError(result: Awaited<ReturnType<typeof runCli>>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

async function learn(argv: string[], files: Record<string, string> = {}) {
  const result = await runCli(['baseline', ...argv], { files });
  return { ...result, text: result.written.get('jwt-baseline.json') ?? result.stdout };
}

describe('jwt-lens baseline', () => {
  it('learns a baseline into -o, valid against the schema, and says what it wrote', async () => {
    const result = await learn([DEMO, '-o', 'jwt-baseline.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^jwt-lens: wrote jwt-baseline\.json: 6 profiles from 9 tokens\n$/);
    expect(validate(JSON.parse(result.text))).toEqual([]);
    const parsed = parseBaseline(result.text, 'jwt-baseline.json');
    expect('baseline' in parsed && parsed.baseline.learnedFrom.inputs).toEqual([DEMO]);
  });

  it('writes the same bytes when run twice on the same input', async () => {
    const a = await learn([DEMO, SUPANOTES, '-o', 'jwt-baseline.json']);
    const b = await learn([DEMO, SUPANOTES, '-o', 'jwt-baseline.json']);
    expect(b.text).toBe(a.text);
    expect(a.text.length).toBeGreaterThan(1000);
  });

  it('writes to standard output without -o', async () => {
    const result = await learn([DEMO]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).baselineVersion).toBe(1);
    expect(result.stderr).toMatch(/^jwt-lens: learned: 6 profiles/);
  });

  it('refuses to overwrite a file (a reviewed baseline holds hand edits) unless --force', async () => {
    const files = { 'jwt-baseline.json': '{"edited": "by hand"}' };
    const refused = await learn([DEMO, '-o', 'jwt-baseline.json'], files);
    expectOneLineError(
      refused,
      /^jwt-lens: jwt-baseline\.json exists: use --update jwt-baseline\.json to merge the captures into it, or --force to replace it\n$/,
    );
    expect(refused.written.size).toBe(0);
    const forced = await learn([DEMO, '-o', 'jwt-baseline.json', '--force'], files);
    expect(forced.code).toBe(0);
    expect(forced.written.has('jwt-baseline.json')).toBe(true);
  });

  it('--update merges the captures into the file in place, keeping first-seen dates', async () => {
    const first = await learn([SUPANOTES, '-o', 'jwt-baseline.json']);
    const files = { 'jwt-baseline.json': first.text };
    const updated = await learn(['--update', 'jwt-baseline.json', DEMO], files);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toMatch(
      /^jwt-lens: wrote jwt-baseline\.json: 9 profiles from 14 tokens \(6 new profiles\)\n$/,
    );
    const merged = JSON.parse(updated.text);
    expect(validate(merged)).toEqual([]);
    expect(merged.learnedFrom.inputs).toEqual([SUPANOTES, DEMO]);
    expect(merged.learnedFrom.timeRange.start).toBe('2024-07-15T20:56:25.678Z');
    const before = JSON.parse(first.text).profiles[1];
    const after = merged.profiles.find((p: { issuer: string }) => p.issuer === before.issuer);
    expect(after).toEqual(before);
  });

  it('--update with a capture already learned adds nothing, and says so', async () => {
    const first = await learn([SUPANOTES, '-o', 'jwt-baseline.json']);
    const files = { 'jwt-baseline.json': first.text };
    const again = await learn(['--update', 'jwt-baseline.json', SUPANOTES], files);
    expect(again.code).toBe(0);
    expect(again.text).toBe(first.text);
    expect(again.stderr).toContain(
      `jwt-lens: warning: already learned into jwt-baseline.json, not learned again: ${SUPANOTES}\n`,
    );
  });

  it('--update learns only the captures the baseline does not hold yet, even when learned together', async () => {
    const LANGFLOW = 'test/corpus/flows/langflow-2024-02-playwright.har';
    const count = async (argv: string[]) => JSON.parse((await learn(argv)).text).learnedFrom;
    const [demo, supanotes, langflow] = await Promise.all(
      [DEMO, SUPANOTES, LANGFLOW].map((input) => count([input])),
    );
    const both = await learn([DEMO, SUPANOTES, '-o', 'jwt-baseline.json']);
    expect(JSON.parse(both.text).learnedFrom.captures).toHaveLength(2);
    const files = { 'jwt-baseline.json': both.text };
    const updated = await learn(['--update', 'jwt-baseline.json', DEMO, LANGFLOW], files);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain(`already learned into jwt-baseline.json, not learned again: ${DEMO}\n`);
    const merged = JSON.parse(updated.text).learnedFrom;
    expect(merged.inputs).toEqual([DEMO, SUPANOTES, LANGFLOW]);
    expect(merged.tokens).toBe(demo.tokens + supanotes.tokens + langflow.tokens);
    expect(merged.requests).toBe(demo.requests + supanotes.requests + langflow.requests);
    expect([...merged.captures].sort()).toEqual(
      [...demo.captures, ...supanotes.captures, ...langflow.captures].sort(),
    );
  });

  it('--update with -o writes elsewhere and leaves the reviewed file alone', async () => {
    const first = await learn([SUPANOTES, '-o', 'jwt-baseline.json']);
    const result = await runCli(['baseline', '--update', 'old.json', DEMO, '-o', 'new.json'], {
      files: { 'old.json': first.text },
    });
    expect(result.code).toBe(0);
    expect([...result.written.keys()]).toEqual(['new.json']);
  });

  it.each([
    [
      'not JSON',
      '{"baselineVersion": 1,',
      /^jwt-lens: b\.json: not valid JSON: unexpected end of input at byte 22 \(file truncated\?\)\n$/,
    ],
    [
      'a report',
      '{"schemaVersion": 1}',
      /^jwt-lens: b\.json: baseline: not a JWT Lens baseline \(expected an object with baselineVersion/,
    ],
    [
      'a newer version',
      '{"baselineVersion": 3}',
      /^jwt-lens: b\.json: baseline\.baselineVersion: expected 1 \(the version this jwt-lens reads\), got 3\n$/,
    ],
    [
      'a wrong field',
      '{"baselineVersion": 1, "generatedBy": {"name": "x", "version": "1"}, "learnedFrom": {"inputs": [], "tokens": 0, "requests": "many"}, "profiles": []}',
      /^jwt-lens: b\.json: baseline\.learnedFrom\.requests: expected a whole number ≥ 0, got "many"\n$/,
    ],
  ])('--update with %s: one line naming the place, exit 2', async (_, text, pattern) => {
    const result = await runCli(['baseline', '--update', 'b.json', DEMO], { files: { 'b.json': text } });
    expectOneLineError(result, pattern);
    expect(result.written.size).toBe(0);
  });

  it('needs a capture, and a missing --update file is a one-line error', async () => {
    expectOneLineError(await runCli(['baseline']), /^jwt-lens: baseline needs at least one file/);
    expectOneLineError(
      await runCli(['baseline', '--update', '/nonexistent/b.json', DEMO]),
      /^jwt-lens: \/nonexistent\/b\.json: no such file\n$/,
    );
  });

  it('warns when the captures hold no token', async () => {
    const har = JSON.stringify(makeHar([makeEntry()]));
    const result = await learn(['none.har'], { 'none.har': har });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^jwt-lens: warning: no token in the captures: nothing was learned from them\n/,
    );
    expect(JSON.parse(result.stdout).profiles).toEqual([]);
  });

  it('has its own help, with --update and --force', async () => {
    const result = await runCli(['baseline', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: jwt-lens baseline <capture...|->');
    for (const option of ['--update <baseline file>', '--force', '--output <file>', '--policy <file>'])
      expect(result.stdout).toContain(option);
    expect(result.stdout).not.toContain('--baseline <file>');
  });
});

describe('jwt-lens scan --baseline', () => {
  async function scanWith(input: string, baselineText: string, files: Record<string, string> = {}) {
    const result = await runCli(['scan', '--format', 'json', input, '--baseline', 'b.json'], {
      files: { ...files, 'b.json': baselineText },
    });
    return { ...result, report: JSON.parse(result.stdout || 'null') as JsonReport };
  }

  it('learning then scanning the same capture reports no drift', async () => {
    const files = { 'personal.har': personalHar };
    for (const input of [DEMO, SUPANOTES, 'personal.har']) {
      const learned = await learn([input], files);
      const scanned = await scanWith(input, learned.text, files);
      expect(scanned.code).toBe(0);
      expect(scanned.report.findings.length).toBeGreaterThan(0);
      expect(scanned.report.findings.filter((f) => f.ruleId.startsWith('drift-'))).toEqual([]);
      const plain = await runCli(['scan', '--format', 'json', input], { files });
      expect(scanned.report.findings).toEqual((JSON.parse(plain.stdout) as JsonReport).findings);
    }
  });

  it('a bad baseline file is one line naming the place, exit 2, before any input is read', async () => {
    const result = await runCli(['scan', '/nonexistent/x.har', '--baseline', 'b.json'], {
      files: { 'b.json': '{"baselineVersion": 1, "generatedBy": {}, "learnedFrom": {}, "profiles": {}}' },
    });
    expectOneLineError(result, /^jwt-lens: b\.json: baseline\.generatedBy: missing "name"; /);
  });

  it('takes a baseline kept in the policy, validated with the policy', async () => {
    const learned = await learn([DEMO]);
    const policy = JSON.stringify({ baseline: JSON.parse(learned.text) });
    const ok = await runCli(['scan', '--format', 'json', DEMO, '--policy', 'p.json'], {
      files: { 'p.json': policy },
    });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as JsonReport;
    expect(validateReport(report)).toEqual([]);
    expect(report.policy.baseline).toEqual(JSON.parse(learned.text));
    const broken = JSON.parse(policy);
    broken.baseline.profiles[0].purpose = 'refesh';
    const bad = await runCli(['scan', DEMO, '--policy', 'p.json'], {
      files: { 'p.json': JSON.stringify(broken) },
    });
    expectOneLineError(
      bad,
      /^jwt-lens: p\.json: invalid policy: policy\.baseline\.profiles\[0\]\.purpose: expected one of access, id, refresh, other, opaque, got "refesh" \(did you mean "refresh"\?\)\n$/,
    );
  });
});

describe('jwt-lens baseline on a capture with personal data', () => {
  it('writes no token, signature or claim value', async () => {
    const capture = await createPersonalCapture();
    const result = await learn(['personal.har'], { 'personal.har': JSON.stringify(capture.har) });
    expect(result.code).toBe(0);
    expect(capture.secrets.filter((value) => result.text.includes(value))).toEqual([]);
  });

  it('a token list (no request times) still learns, with unknown first-seen dates', async () => {
    const token = fakeJwt({ iss: 'https://i.test', sub: 'person@example.org' });
    const result = await learn(['tokens.txt'], { 'tokens.txt': `${token}\n` });
    expect(result.code).toBe(0);
    const baseline = JSON.parse(result.text);
    expect(baseline.profiles[0].algorithms.HS256).toEqual({ firstSeen: '', lastSeen: '' });
    expect(result.text).not.toContain('person@example.org');
    expect(baseline.profiles[0].carriers).toEqual([]);
  });
});

describe('README: the baseline recipe', () => {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n## Baselines: report drift between releases\n');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  const lines = block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.startsWith('npx jwt-lens '));

  it('runs as written: learn, scan with no drift on the same capture, update', async () => {
    expect(start).toBeGreaterThan(0);
    expect(lines).toHaveLength(3);
    const files: Record<string, string> = {
      // A capture with no finding at or above medium: only drift could fail the build.
      'e2e.har': await createCleanCapture(),
      'reviewed.har': readFileSync(SUPANOTES, 'utf8'),
    };
    for (const line of lines) {
      const result = await runCli(line.split(/\s+/).slice(2), { files });
      expect(result.code, `${line}: ${result.stderr}`).toBe(0);
      for (const [path, text] of result.written) files[path] = text;
    }
    const baseline = JSON.parse(files['jwt-baseline.json'] ?? '{}');
    expect(baseline.learnedFrom.inputs).toEqual(['e2e.har', 'reviewed.har']);
  });
});
