import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeTime, formatSpan } from '../../src/cli/decode-view';
import type { JsonReport } from '../../src/core/report/report-types';
import { CLOCK_MS, runCli } from './fake-io';

const NOW = CLOCK_MS / 1000;
const ESC = String.fromCharCode(27);
let token = '';

beforeAll(async () => {
  token = await new SignJWT({
    sub: 'user-1',
    name: 'Test User',
    iat: NOW - 120,
    exp: NOW + 240,
    nbf: NOW - 120,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('a-long-test-secret-for-decode-tests-0123456789'));
});

describe('jwt-lens decode', () => {
  it('prints header and claims with times made readable, then findings', async () => {
    const result = await runCli(['decode', token]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toMatch(/^JWS token, fingerprint [0-9a-f]{16}, purpose: /);
    expect(out).toContain('Header\n{\n  "alg": "HS256",\n  "typ": "JWT"\n}');
    expect(out).toContain('"sub": "user-1"');
    expect(out).toContain(`"exp": ${NOW + 240},  // 2025-03-14T09:34:00.000Z (expires in 4 min)`);
    expect(out).toContain(`"iat": ${NOW - 120},  // 2025-03-14T09:28:00.000Z (2 min ago)`);
    expect(out).toContain('\nFindings\n');
    expect(out).toMatch(/jti-missing|iss-missing/);
  });

  it('says when a token has expired, relative to --now', async () => {
    const result = await runCli(['decode', token, '--now', '2025-03-14T11:34:00Z']);
    expect(result.stdout).toContain('(expired 2 h ago)');
  });

  it('explains a malformed token without claim findings', async () => {
    const result = await runCli(['decode', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^MALFORMED token/);
    expect(result.stdout).toContain('Problems\n  - ');
    expect(result.stdout).toContain('fmt-malformed');
    expect(result.stdout).not.toContain('exp-missing');
  });

  it('reads the token from standard input with -', async () => {
    const result = await runCli(['decode', '-'], { stdin: `${token}\n` });
    expect(result.stdout).toContain('"sub": "user-1"');
  });

  it('writes the redacted JSON report with --format json', async () => {
    const result = await runCli(['decode', token, '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.tokens).toHaveLength(1);
    expect(report.tokens[0]?.claims?.name).toBe('Te…');
    expect(result.stdout).not.toContain(token.split('.')[2]);
  });

  it('exits 1 with --fail-on when a finding reaches it', async () => {
    const none = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    expect((await runCli(['decode', none, '--fail-on', 'critical'])).code).toBe(1);
  });

  it('rejects an empty token', async () => {
    const result = await runCli(['decode', '-'], { stdin: '\n' });
    expect(result).toMatchObject({ code: 2, stderr: 'jwt-lens: decode: the token is empty\n' });
  });

  it('keeps escape sequences from a hostile claim off the terminal', async () => {
    const payload = Buffer.from(JSON.stringify({ sub: `x\u009b31m${ESC}]0;owned\u0007` })).toString(
      'base64url',
    );
    const result = await runCli(['decode', `eyJhbGciOiJub25lIn0.${payload}.`]);
    expect(result.stdout).not.toContain('\u009b');
    expect(result.stdout).not.toContain(ESC);
  });
});

describe('time formatting', () => {
  it.each([
    [30, '30 s'],
    [240, '4 min'],
    [7200, '2 h'],
    [86400, '1 day'],
    [3 * 86400, '3 days'],
    [800 * 86400, '2 years'],
  ])('formatSpan(%i) = %s', (seconds, text) => {
    expect(formatSpan(seconds)).toBe(text);
  });

  it('describes nbf in the future and unusable numbers', () => {
    expect(describeTime('nbf', 1000 + 300, 1000)).toBe(
      '1970-01-01T00:21:40.000Z (not valid for another 5 min)',
    );
    expect(describeTime('iat', 1e20, 0)).toBe('not a usable time');
  });
});
