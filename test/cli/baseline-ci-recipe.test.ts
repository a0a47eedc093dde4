import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCleanCapture } from './clean-capture';
import { runCli } from './fake-io';

/** The `npx jwt-lens` line of README's "In CI: fail the build on drift" recipe, as written. */
function recipeLine(): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n### In CI: fail the build on drift\n');
  const end = readme.indexOf('\n### ', start + 1);
  const section = readme.slice(start, end);
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const lines = block.split('\n').filter((line) => line.startsWith('npx jwt-lens '));
  expect(start).toBeGreaterThan(0);
  expect(lines).toHaveLength(1);
  expect(section).toContain('recordHar');
  expect(section).toContain('Export HAR (with sensitive data)');
  return lines[0] ?? '';
}

describe('README: the CI recipe for drift', () => {
  it('runs as written: exit 0 on the capture the baseline was learned from, 1 on a drifted one', async () => {
    const line = recipeLine();
    expect(line).toBe('npx jwt-lens scan e2e.har --baseline jwt-baseline.json --fail-on medium');
    const argv = line.split(/\s+/).slice(2);
    const clean = await createCleanCapture();
    const learned = await runCli(['baseline', 'e2e.har', '-o', 'jwt-baseline.json'], {
      files: { 'e2e.har': clean },
    });
    expect(learned.code, learned.stderr).toBe(0);
    const baseline = learned.written.get('jwt-baseline.json') ?? '';
    const matching = await runCli(argv, { files: { 'e2e.har': clean, 'jwt-baseline.json': baseline } });
    expect(matching.code, matching.stdout).toBe(0);
    // The same traffic sent to a new API host: nothing but the drift is at medium or above.
    const drifted = clean.replaceAll('https://api.clean.test/', 'https://api2.clean.test/');
    const plain = await runCli(['scan', 'e2e.har', '--fail-on', 'medium'], { files: { 'e2e.har': drifted } });
    expect(plain.code).toBe(0);
    const failing = await runCli(argv, { files: { 'e2e.har': drifted, 'jwt-baseline.json': baseline } });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('drift-new-recipient-host');
  });
});
