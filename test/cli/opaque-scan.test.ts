import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { createReportValidator } from '../core/report/schema-validator';
import { runCli } from './fake-io';

const validate = createReportValidator();

/** Opaque tokens as an identity provider with reference tokens hands them out (synthetic values). */
const AT = 'Zq3xR9tYw2vB7nM4kL8pQ1sD6fG0hJ5aC2eV9bN7mX4';
const RT = '1//0gLp3xYzAbCdEfGhIjKlMnOp+QrStUvWxYz0123456789==';

const entry = (request: Record<string, unknown>, response: Record<string, unknown> = {}) => ({
  startedDateTime: '2025-03-14T09:05:00.000Z',
  time: 5,
  request: { method: 'GET', headers: [], cookies: [], queryString: [], ...request },
  response: {
    status: 200,
    headers: [],
    cookies: [],
    content: { size: 0, mimeType: 'text/plain', text: '' },
    ...response,
  },
});

/** Login (token response without no-store), an API call over http, an export with the token in the URL. */
const HAR = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      entry(
        {
          method: 'POST',
          url: 'https://id.example.test/token',
          postData: {
            mimeType: 'application/x-www-form-urlencoded',
            text: 'grant_type=authorization_code&code=c',
          },
        },
        {
          content: {
            mimeType: 'application/json',
            text: JSON.stringify({ access_token: AT, token_type: 'Bearer', refresh_token: RT }),
          },
        },
      ),
      entry({
        url: 'http://api.example.test/me',
        headers: [{ name: 'Authorization', value: `Bearer ${AT}` }],
      }),
      entry({
        url: `https://api.example.test/export?access_token=${AT}&refresh_token=${encodeURIComponent(RT)}`,
      }),
    ],
  },
});
const FILES = { 'opaque.har': HAR };

describe('scan: opaque tokens', () => {
  it('reports them as kind opaque with bearer-credential findings, valid against the schema', async () => {
    const result = await runCli(['scan', 'opaque.har', '--format', 'json'], { files: FILES });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(validate(report)).toEqual([]);
    expect(report.tokens.map((t) => [t.kind, t.purpose, t.masked])).toEqual([
      ['opaque', 'access', `Zq3x…(${AT.length} chars)`],
      ['opaque', 'refresh', `1//0…(${RT.length} chars)`],
    ]);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'refresh-token-exposed',
      'token-in-url',
      'token-in-url',
      'token-response-cacheable',
      'token-response-cacheable',
      'transport-cleartext',
    ]);
  });

  it.each(['json', 'sarif', 'md', 'table'])('--format %s contains no opaque token value', async (format) => {
    const result = await runCli(['scan', 'opaque.har', '--format', format], { files: FILES });
    expect(result.stdout.length).toBeGreaterThan(100);
    for (const secret of [AT, RT, encodeURIComponent(RT)]) expect(result.stdout).not.toContain(secret);
  });

  it('--include-raw puts the values back', async () => {
    const result = await runCli(['scan', 'opaque.har', '--format', 'json', '--include-raw'], {
      files: FILES,
    });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.tokens.map((t) => t.raw)).toEqual([AT, RT]);
  });
});
