import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBundle } from '../harness/cli-bundle';

/**
 * The real thing, once per exit code: `node bin/jwt-lens.js` over the built bundle. Everything else is
 * tested in-process; these runs prove the launcher, the bundle and process exit codes agree.
 */
const ROOT = join(import.meta.dirname, '../..');

function jwtLens(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/jwt-lens.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(ensureCliBundle);

describe('node bin/jwt-lens.js', () => {
  it('exits 0 and writes a JSON report when nothing reaches --fail-on', () => {
    const result = jwtLens('scan', 'test/fixtures/demo.har', '--now', '2025-03-14T09:30:00Z');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('exits 1 when findings reach --fail-on', () => {
    const result = jwtLens('scan', 'test/fixtures/demo.har', '--format', 'table', '--fail-on', 'high');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\d+ findings in \d+ tokens/);
  });

  it('exits 2 with one line and no stack trace for a file that is not JSON', () => {
    const result = jwtLens('scan', 'test/fixtures/not-json.har');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "jwt-lens: test/fixtures/not-json.har: not valid JSON: unexpected 'H' at line 1, column 1 (byte 0)\n",
    );
  });

  it('learns a baseline into a real file, refuses to overwrite it, and merges with --update', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-baseline-'));
    try {
      const file = join(dir, 'jwt-baseline.json');
      const learned = jwtLens('baseline', 'test/fixtures/demo.har', '-o', file);
      expect(learned.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(JSON.parse(text).baselineVersion).toBe(1);
      const refused = jwtLens('baseline', 'test/fixtures/demo.har', '-o', file);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/exists: use --update .* or --force to replace it\n$/);
      expect(readFileSync(file, 'utf8')).toBe(text);
      // The same capture again adds nothing: the counts never claim the same evidence twice.
      const again = jwtLens('baseline', '--update', file, 'test/fixtures/demo.har');
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/already learned into .*, not learned again: test\/fixtures\/demo\.har/);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(
        jwtLens('baseline', '--update', file, 'test/corpus/flows/langflow-2024-02-playwright.har').code,
      ).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).learnedFrom.tokens).toBeGreaterThan(
        JSON.parse(text).learnedFrom.tokens,
      );
      expect(jwtLens('scan', 'test/fixtures/demo.har', '--baseline', file).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line naming the entry when a probe would leave loopback', () => {
    const result = jwtLens('probe', 'test/fixtures/demo.har', '--entry', '7');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'jwt-lens: entry 7: host api.example.com refused: only loopback is probed unless --allow-host api.example.com names it\n',
    );
  });
});
