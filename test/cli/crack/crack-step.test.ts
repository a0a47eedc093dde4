import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../../src/core/report/report-types';
import { runCli } from '../fake-io';

let dir: string;
const sign = (secret: string, alg = 'HS256') =>
  new SignJWT({ sub: 'user-1', iss: 'https://login.shop.test' })
    .setProtectedHeader({ alg })
    .sign(new TextEncoder().encode(secret));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jwt-lens-crack-step-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rules = (stdout: string) => (JSON.parse(stdout) as JsonReport).findings.map((f) => f.ruleId);

describe('jwt-lens scan: HMAC secrets', () => {
  it('reports a built-in weak secret with no option at all, masked in the report', async () => {
    const result = await runCli(['scan', '-', '--format', 'json'], {
      stdin: `${await sign('supersecret')}\n`,
    });
    expect(result.code).toBe(0);
    expect(rules(result.stdout)).toContain('hmac-weak-secret');
    expect(result.stdout).toContain('s****t');
    expect(result.stdout).not.toContain('supersecret');
  });

  it('shows the secret only with --include-raw', async () => {
    const result = await runCli(['scan', '-', '--format', 'json', '--include-raw'], {
      stdin: `${await sign('supersecret')}\n`,
    });
    expect(result.stdout).toContain('supersecret');
  });

  it('reports a published secret as key-publicly-known', async () => {
    const result = await runCli(['scan', '-', '--format', 'json'], {
      stdin: `${await sign('your-256-bit-secret')}\n`,
    });
    expect(rules(result.stdout)).toContain('key-publicly-known');
    expect(rules(result.stdout)).not.toContain('hmac-weak-secret');
  });

  it('takes --wordlist (repeatable) and --brute-digits, and warns about skipped lines', async () => {
    const list = join(dir, 'list.txt');
    await writeFile(list, 'alpha\r\nbad\0\r\nOrange-Juice-7\r\n');
    const other = join(dir, 'other.txt');
    await writeFile(other, 'beta\n');
    const stdin = `${await sign('Orange-Juice-7')}\n${await sign('31337', 'HS512')}\n`;
    const result = await runCli(
      ['scan', '-', '--format', 'json', '--wordlist', other, '--wordlist', list, '--brute-digits', '5'],
      { stdin },
    );
    expect(rules(result.stdout).filter((r) => r === 'hmac-weak-secret')).toHaveLength(2);
    expect(result.stdout).toContain(`the wordlist ${list}`);
    expect(result.stdout).toContain('a brute force of 5-digit numbers');
    expect(result.stderr).toContain(`jwt-lens: warning: ${list}: line 2: contains a NUL byte, skipped`);
  });

  it('exits 2 with one line for a missing wordlist or a bad --brute-digits', async () => {
    const stdin = `${await sign('x')}\n`;
    const missing = await runCli(['scan', '-', '--wordlist', join(dir, 'nope.txt')], { stdin });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`jwt-lens: --wordlist ${join(dir, 'nope.txt')}: no such file\n`);
    const digits = await runCli(['scan', '-', '--brute-digits', '7'], { stdin });
    expect(digits.code).toBe(2);
    expect(digits.stderr).toBe('jwt-lens: option --brute-digits: "7" is not a number from 0 to 6\n');
  });
});

describe('jwt-lens scan --crack-each', () => {
  it('finds a weak secret beside a strong one under the same issuer only when asked to test each token', async () => {
    const strong = await new SignJWT({ sub: 'new', iss: 'https://login.shop.test' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(crypto.getRandomValues(new Uint8Array(32)));
    const stdin = `${strong}\n${await sign('supersecret')}\n`;
    const grouped = await runCli(['scan', '-', '--format', 'json'], { stdin });
    expect(rules(grouped.stdout)).not.toContain('hmac-weak-secret');
    const each = await runCli(['scan', '-', '--format', 'json', '--crack-each'], { stdin });
    expect(rules(each.stdout)).toContain('hmac-weak-secret');
  });
});
