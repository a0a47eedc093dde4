import { spawnSync } from 'node:child_process';
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
});
