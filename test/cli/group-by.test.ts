import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { DEMO, fixture, runCli } from './fake-io';

/** PII the demo's ID token carries (see scripts/make-fixtures.mjs). */
const PII = ['alice.example@example.com', '+1 415 555 0134', 'Alice Example'];

/** Markdown reports differ only in their "Generated <time>" line between runs. */
const withoutClock = (md: string) => md.replace(/^Generated \S+/m, 'Generated');

describe('scan --group-by', () => {
  it('writes the compliance view with --format md --group-by standard', async () => {
    const result = await runCli(['scan', DEMO, '--format', 'md', '--group-by', 'standard']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^# JWT Lens compliance report\n/);
    for (const heading of [
      '## Summary',
      '## RFC 8725: ',
      '## OWASP ASVS 5.0: ',
      '## CWE: ',
      '## NIST SP 800-63B-4: ',
      '## RFC 7519: ',
    ])
      expect(result.stdout).toContain(`\n${heading}`);
    expect(result.stdout).toContain('\n### RFC 8725 §3.1\n');
    expect(result.stdout).toContain('`alg-none`');
  });

  it('keeps tokens, signatures and personal values out of the compliance view', async () => {
    const raw = JSON.parse(
      (await runCli(['scan', DEMO, fixture('tokens.txt'), '--format', 'json', '--include-raw'])).stdout,
    ) as JsonReport;
    const texts = raw.tokens.map((t) => t.raw ?? '').filter((t) => t.length >= 16);
    const signatures = texts.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
    expect(signatures.length).toBeGreaterThan(5);
    const md = await runCli(['scan', DEMO, fixture('tokens.txt'), '--format', 'md', '--group-by=standard']);
    expect(md.code).toBe(0);
    expect([...texts, ...signatures, ...PII].filter((secret) => md.stdout.includes(secret))).toEqual([]);
  });

  it('--group-by token is the default Markdown report', async () => {
    const plain = await runCli(['scan', DEMO, '--format', 'md']);
    const token = await runCli(['scan', DEMO, '--format', 'md', '--group-by', 'token']);
    expect(token.code).toBe(0);
    expect(withoutClock(token.stdout)).toBe(withoutClock(plain.stdout));
  });

  it('accepts Markdown chosen by the --output extension', async () => {
    const result = await runCli(['scan', DEMO, '-o', 'evidence.md', '--group-by', 'standard']);
    expect(result.code).toBe(0);
    expect(result.written.get('evidence.md')).toMatch(/^# JWT Lens compliance report\n/);
  });

  it.each([
    [
      ['--group-by', 'standard'],
      /--group-by applies to Markdown only \(add --format md\); the format is json/,
    ],
    [
      ['--format', 'json', '--group-by', 'standard'],
      /--group-by applies to Markdown only \(add --format md\); the format is json/,
    ],
    [['--format', 'sarif', '--group-by', 'token'], /the format is sarif/],
    [['--format', 'md', '--group-by', 'severity'], /--group-by: "severity" is not one of token, standard/],
    [['--format', 'md', '--group-by'], /option --group-by needs a value \(token\|standard\|framework\)/],
  ])('exits 2 with one line on stderr for %j', async (argv, message) => {
    const result = await runCli(['scan', DEMO, ...argv]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('does not apply to decode', async () => {
    const result = await runCli(['decode', 'eyJhbGciOiJub25lIn0.e30.', '--group-by', 'standard']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: option --group-by does not apply to decode\n');
  });

  it('is in scan --help', async () => {
    const result = await runCli(['scan', '--help']);
    expect(result.stdout).toContain('--group-by <token|standard|framework>');
    expect(result.stdout).toMatch(/standard\s+\(under each requirement they cite/);
    expect(result.stdout).toMatch(/--compliance\s+<framework\[,framework…\]\|all>/);
  });
});
