import fc from 'fast-check';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { type Command, run } from '../../src/cli/main';
import { probeRequestOf } from '../../src/cli/probe/har-request';
import { NODE_DEPS, runProbe } from '../../src/cli/probe/probe';
import { originRefusal, refusalOf } from '../../src/cli/probe/target';
import { MAX_STRING_BYTES } from '../../src/core/capture/har-stream';
import { fingerprintOf } from '../../src/core/crypto/fingerprint';
import type { ProbeRequest, TokenSlot } from '../../src/core/probe';
import { isLoopbackHost } from '../../src/core/rules/context/hosts';
import { createFakeIo } from './fake-io';
import { harEntry, harText, runProbeCli } from './probe-helpers';

/** Which request, which token and which hosts: the probe's choices before it plans anything. */
const key = new TextEncoder().encode('a-strong-random-secret-for-the-selection-tests-0123456789');
const mint = (sub: string) =>
  new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
let access = '';
let session = '';
beforeAll(async () => {
  access = await mint('access');
  session = await mint('session');
});

describe('probe: which token', () => {
  const files = () => ({
    'p.har': harText([
      {
        url: 'http://127.0.0.1:9/api',
        headers: { Authorization: `Bearer ${access}`, Cookie: `sid=${session}` },
      },
    ]),
  });

  it('asks which one when the entry carries several, listing them by fingerprint and place', async () => {
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0', '--dry-run'], files());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `jwt-lens: entry 0: carries 2 tokens (${fingerprintOf(access)} in request-header Authorization, ` +
        `${fingerprintOf(session)} in request-cookie sid); choose one with --token\n`,
    );
  });

  it('tampers with the one --token names (by the start of its fingerprint), in its own place', async () => {
    const planned: { slot: TokenSlot; token: string }[] = [];
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--token', fingerprintOf(session).slice(0, 6), '--dry-run'],
      files(),
      {
        plan: async (request, slot, token) => {
          planned.push({ slot, token });
          return { cases: [{ id: 'baseline', kind: 'baseline', change: 'none', request }] };
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(planned).toEqual([{ slot: { where: 'request-cookie', name: 'sid' }, token: session }]);
  });

  it.each([
    ['zz', 'jwt-lens: option --token: "zz" is not a fingerprint (4 to 16 hex digits, from its start)\n'],
    [
      '0000000000',
      /^jwt-lens: entry 0: no token with fingerprint 0000000000 \(it carries [0-9a-f]{16} in request-header Authorization, [0-9a-f]{16} in request-cookie sid\)\n$/,
    ],
  ])('refuses --token %s with one line', async (wanted, message) => {
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--token', wanted, '--dry-run'],
      files(),
    );
    expect(result.code).toBe(2);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });
});

describe('probeRequestOf', () => {
  it('replays the recorded request without framing, hop-by-hop and pseudo-headers, or Accept-Encoding', () => {
    const entry = harEntry({
      method: 'post',
      url: 'https://api.example.test/v1/orders?x=1',
      headers: {
        ':authority': 'api.example.test',
        Host: 'api.example.test',
        Connection: 'keep-alive',
        'Content-Length': '12',
        'Accept-Encoding': 'gzip, br',
        Authorization: 'Bearer abc',
        'X-Request-Id': '7',
      },
      body: { mimeType: 'application/json', text: '{"a":1}' },
    });
    expect(probeRequestOf(entry)).toEqual({
      method: 'POST',
      url: 'https://api.example.test/v1/orders?x=1',
      headers: [
        { name: 'Authorization', value: 'Bearer abc' },
        { name: 'X-Request-Id', value: '7' },
      ],
      body: { mimeType: 'application/json', text: '{"a":1}' },
    });
  });

  it('form-encodes postData.params when the HAR recorded no text', () => {
    const entry = harEntry({ method: 'POST', url: 'http://127.0.0.1/login' }) as {
      request: Record<string, unknown>;
    };
    entry.request.postData = { mimeType: '', params: [{ name: 'token', value: 'a b' }, { name: 'x' }] };
    expect(probeRequestOf(entry)).toMatchObject({
      body: { mimeType: 'application/x-www-form-urlencoded', text: 'token=a+b&x=' },
    });
  });

  it('never throws on arbitrary JSON: a request or a one-line reason', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, other) => {
        for (const value of [
          json,
          { request: json },
          { request: { method: 'GET', url: 'http://x/', headers: other } },
        ]) {
          const out = probeRequestOf(value);
          if ('error' in out) expect(out.error).toMatch(/^has no request/);
          else expect(typeof out.url).toBe('string');
        }
      }),
    );
  });
});

describe('target rules', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['::1', true],
    ['::ffff:7f00:1', true],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::ffff:a00:1', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('reads the host as the URL parser does (IPv6 brackets, mapped IPv4, case, userinfo)', () => {
    const policy = { allowedHosts: [], unsafeMethods: false };
    const ok = [
      'http://[::1]:8080/a',
      'http://[::ffff:127.0.0.1]/a',
      'http://LOCALHOST/a',
      'http://evil.test@127.0.0.1/',
    ];
    for (const url of ok) expect(refusalOf({ method: 'GET', url, headers: [] }, policy)).toBeUndefined();
    const refused = [
      'http://127.0.0.1.evil.test/',
      'http://127.0.0.1@evil.test/',
      'ftp://127.0.0.1/',
      'not a url',
    ];
    for (const url of refused) expect(refusalOf({ method: 'GET', url, headers: [] }, policy)).toBeDefined();
  });

  it('keeps every case on the original origin: scheme, host and port', () => {
    const original = { method: 'GET', url: 'http://127.0.0.1:8080/a?b=1', headers: [] };
    expect(originRefusal(original, { ...original, url: 'http://127.0.0.1:8080/other' })).toBeUndefined();
    for (const url of ['https://127.0.0.1:8080/a', 'http://127.0.0.1:8081/a', 'http://localhost:8080/a'])
      expect(originRefusal(original, { ...original, url })).toMatch(
        /^origin .* refused: only http:\/\/127\.0\.0\.1:8080/,
      );
  });
});

describe('probe: a HAR of any size', () => {
  /** A fake disk whose whole-file read fails as Node's does past its string limit: only streams work. */
  async function probeStreamed(argv: string[], files: Record<string, string>) {
    const { io, result } = createFakeIo({ files });
    const streamedOnly: CliIo = {
      ...io,
      clock: () => Date.now(),
      readFile: async () => {
        throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8'), {
          code: 'ERR_STRING_TOO_LONG',
        });
      },
    };
    const planned: ProbeRequest[] = [];
    const probe: Command = (args, cliIo) =>
      runProbe(args, cliIo, {
        ...NODE_DEPS,
        plan: async (request) => {
          planned.push(request);
          return { cases: [{ id: 'baseline', kind: 'baseline', change: 'none', request }] };
        },
      });
    const code = await run(argv, streamedOnly, { probe });
    return { code, planned, ...result() };
  }
  const har = () =>
    harText([
      { url: 'http://127.0.0.1:9/health' },
      { url: 'http://127.0.0.1:9/api/orders?page=1' },
      { url: 'http://127.0.0.1:9/api/orders?page=2', headers: { Authorization: `Bearer ${access}` } },
      { url: 'http://127.0.0.1:9/api/orders?page=3', headers: { Authorization: `Bearer ${session}` } },
    ]);

  it('finds the entry as the file streams, never reading it whole: the first matching one with a token', async () => {
    const result = await probeStreamed(['probe', 'p.har', '--entry', '/api/orders', '--dry-run'], {
      'p.har': har(),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.planned.map((r) => r.url)).toEqual(['http://127.0.0.1:9/api/orders?page=2']);
  });

  it('says how many entries there are when the index is past the end', async () => {
    const result = await probeStreamed(['probe', 'p.har', '--entry', '4', '--dry-run'], { 'p.har': har() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: entry 4: no such entry (the HAR has 4, counted from 0)\n');
  });

  it('refuses to replay a request whose body the reader had to cut', async () => {
    const body = { mimeType: 'text/plain', text: 'x'.repeat(MAX_STRING_BYTES + 100_000) };
    const files = {
      'p.har': harText([
        {
          method: 'GET',
          url: 'http://127.0.0.1:9/api',
          headers: { Authorization: `Bearer ${access}` },
          body,
        },
      ]),
    };
    const result = await probeStreamed(['probe', 'p.har', '--entry', '0', '--dry-run'], files);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: entry 0: a value of its request is too large to replay\n');
    expect(result.planned).toEqual([]);
  });
});
