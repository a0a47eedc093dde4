import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendProbe } from '../../src/cli/probe/send';
import { maskProbeUrl, type ProbeRequest } from '../../src/core/probe';
import { type CountingServer, fixedPlan, harText, runProbeCli, startCountingServer } from './probe-helpers';

/**
 * The probe's safety rules (issue 15), each proved on the sender and the command with a fixed plan and a
 * loopback server that counts what reaches it. Nothing here depends on the core's recipes.
 */
let token = '';
let server: CountingServer;

beforeAll(async () => {
  token = await new SignJWT({ sub: 'user-42', aud: 'demo-api' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('a-strong-random-secret-for-the-safety-tests-0123456789'));
  server = await startCountingServer(token);
});
afterAll(() => server.close());

const bearer = () => ({ Authorization: `Bearer ${token}` });
const har = (url: string, extra: { method?: string; headers?: Record<string, string> } = {}) => ({
  'p.har': harText([{ url, headers: { ...bearer(), ...extra.headers }, method: extra.method }]),
});
const signature = () => token.split('.')[2] ?? '';

describe('probe: --dry-run', () => {
  it('prints every request it would send (method, masked URL, what changes) and sends nothing', async () => {
    const before = server.count();
    const url = `${server.url}/api?access_token=${token}`;
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0', '--dry-run'], har(url), {
      plan: fixedPlan(3),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.count()).toBe(before);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Dry run: entry 0: 5 request\(s\) would be sent, one at a time; nothing was sent\.$/,
    );
    // The URL as the report shows it (maskProbeUrl): the token's header and a payload prefix, no signature.
    const masked = maskProbeUrl(url, { where: 'query', name: 'access_token' });
    expect(masked).toMatch(/access_token=eyJ[\w-]+\.[\w-]*…$/);
    expect(lines.slice(1)).toEqual([
      `  1. GET ${masked}  [baseline] replayed unchanged`,
      `  2. GET ${masked}  [negative-control] token removed`,
      `  3. GET ${masked}  [signature-corrupted:0] signature byte 0 flipped`,
      `  4. GET ${masked}  [signature-corrupted:1] signature byte 1 flipped`,
      `  5. GET ${masked}  [signature-corrupted:2] signature byte 2 flipped`,
    ]);
    expect(result.stdout).not.toContain(signature());
  });

  it('marks what is over the limit of 30 requests as not sent', async () => {
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--dry-run'],
      har(`${server.url}/api`),
      {
        plan: fixedPlan(30),
      },
    );
    expect(result.code).toBe(0);
    const over = result.stdout.split('\n').filter((l) => l.includes('not sent'));
    expect(over.map((l) => l.trim().split('.')[0])).toEqual(['31', '32']);
  });
});

describe('probe: hosts', () => {
  it('refuses a host that is not loopback, with one line naming the entry, and sends nothing', async () => {
    const sent: string[] = [];
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0'],
      har('https://api.example.test/orders'),
      {
        plan: fixedPlan(1),
        send: async (r) => {
          sent.push(r.url);
          return { error: 'unexpected', durationMs: 0 };
        },
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: entry 0: host api.example.test refused: only loopback is probed unless --allow-host api.example.test names it\n',
    );
    expect(result.stdout).toBe('');
    expect(sent).toEqual([]);
  });

  it('refuses it in a dry run too, so the dry run shows what would really happen', async () => {
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--dry-run'],
      har('https://api.example.test/x'),
      {
        plan: fixedPlan(1),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^jwt-lens: entry 0: host api\.example\.test refused/);
  });

  it('probes a host named with --allow-host (case-insensitively), and only that one', async () => {
    const sent: string[] = [];
    const send = async (r: ProbeRequest) => {
      sent.push(r.url);
      const ok = r.headers.some((h) => h.value === `Bearer ${token}`);
      return { status: ok ? 200 : 401, headers: [], body: ok ? '{"items":[]}' : '{}', durationMs: 1 };
    };
    const files = har('https://api.example.test/orders');
    const other = await runProbeCli(['probe', 'p.har', '--entry', '0', '--allow-host', 'other.test'], files, {
      plan: fixedPlan(1),
      send,
    });
    expect(other.code).toBe(2);
    expect(sent).toEqual([]);
    const allowed = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--allow-host', 'API.example.test', '--format', 'table'],
      files,
      { plan: fixedPlan(1), send },
    );
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(sent).toEqual(Array(3).fill('https://api.example.test/orders'));
  });

  it('never sends a planned request to another origin, even an allowed host or another loopback port', async () => {
    const before = server.paths().length;
    const elsewhere = [
      'http://evil.test/api',
      'http://127.0.0.1:1/api',
      `${server.url.replace('http:', 'https:')}/api`,
    ];
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--allow-host', 'evil.test', '--format', 'table'],
      har(`${server.url}/api`),
      { plan: fixedPlan(3, (n) => elsewhere[n] ?? '') },
    );
    expect(server.paths().slice(before)).toEqual(['/api', '/api']);
    expect(result.stderr.trim().split('\n')).toEqual([
      `jwt-lens: entry 0: no tampered request got an answer (origin http://evil.test refused: only ${server.url}, the original request's origin, is probed)`,
    ]);
    expect(result.code).toBe(2);
  });
});

describe('probe: methods', () => {
  it('refuses POST without --allow-unsafe-methods, and sends it with it', async () => {
    const before = server.count();
    const files = har(`${server.url}/api`, { method: 'POST' });
    const refused = await runProbeCli(['probe', 'p.har', '--entry', '0'], files, { plan: fixedPlan(1) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'jwt-lens: entry 0: method POST refused: it can change data; add --allow-unsafe-methods to replay it\n',
    );
    expect(server.count()).toBe(before);
    const allowed = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--allow-unsafe-methods', '--format', 'table'],
      files,
      { plan: fixedPlan(1) },
    );
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(server.count()).toBe(before + 3);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('replays %s without asking', async (method) => {
    const sent: string[] = [];
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--dry-run'],
      har(`${server.url}/api`, { method }),
      {
        plan: fixedPlan(0),
        send: async (r) => {
          sent.push(r.method);
          return { error: 'x', durationMs: 0 };
        },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`1. ${method} ${server.url}/api`);
  });
});

describe('probe: limits', () => {
  it('sends at most 30 requests in a run and says it stopped', async () => {
    const before = server.count();
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--format', 'table'],
      har(`${server.url}/api`),
      {
        plan: fixedPlan(40),
      },
    );
    expect(result.code).toBe(0);
    expect(server.count() - before).toBe(30);
    expect(result.stdout).toContain('stopped: request limit reached');
  });

  it('has at most one request in flight', async () => {
    const slow = await startCountingServer(token, 30);
    try {
      const result = await runProbeCli(
        ['probe', 'p.har', '--entry', '0', '--format', 'table'],
        har(`${slow.url}/api`),
        {
          plan: fixedPlan(6),
        },
      );
      expect(result.code).toBe(0);
      expect(slow.count()).toBe(8);
      expect(slow.maxInFlight()).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('gives up on a request after --timeout, with one line naming the entry and no stack trace', async () => {
    const started = Date.now();
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--timeout', '0.2'],
      har(`${server.url}/slow`),
      {
        plan: fixedPlan(1),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: entry 0: baseline: timed out after 0.2 s\n');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a --timeout that is not a positive number of seconds', async () => {
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--timeout', '-1'],
      har(`${server.url}/api`),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: option --timeout: "-1" is not a number of seconds from 0.001 to 3600\n',
    );
  });
});

describe('probe: redirects', () => {
  it('never follows one: a 3xx is an answer, its target is never asked', async () => {
    const before = server.paths().length;
    const request: ProbeRequest = { method: 'GET', url: `${server.url}/redirect`, headers: [] };
    const answer = await sendProbe(request, { timeoutMs: 2000 });
    expect('status' in answer && answer.status).toBe(302);
    expect('status' in answer && answer.headers).toContainEqual({
      name: 'Location',
      value: '/login?next=%2Fapi',
    });
    expect(server.paths().slice(before)).toEqual(['/redirect']);
  });

  it('stops at a baseline that is redirected to a login page: not accepted', async () => {
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0'], har(`${server.url}/redirect`), {
      plan: fixedPlan(1),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: entry 0: baseline not accepted (the request replayed unchanged got 302)\n',
    );
  });
});

describe('probe: problems, one line each', () => {
  const cases: [string, string[], (url: string) => Record<string, string>, string][] = [
    [
      'no such entry',
      ['--entry', '3'],
      (u) => har(`${u}/api`),
      'entry 3: no such entry (the HAR has 1, counted from 0)',
    ],
    [
      'no entry with that URL',
      ['--entry', 'orders'],
      (u) => har(`${u}/api`),
      'entry "orders": no entry\'s URL contains it',
    ],
    [
      'an entry with no token',
      ['--entry', '0'],
      (u) => ({ 'p.har': harText([{ url: `${u}/api` }]) }),
      'entry 0: carries no token in a header, cookie, query or body to probe',
    ],
    ['no --entry', [], (u) => har(`${u}/api`), 'probe needs --entry <index|URL substring> (see --help)'],
  ];
  it.each(cases)('%s', async (_name, args, files, line) => {
    const result = await runProbeCli(['probe', 'p.har', ...args], files(server.url), { plan: fixedPlan(1) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`jwt-lens: ${line}\n`);
  });

  it('a refused connection', async () => {
    const closed = await startCountingServer(token);
    await closed.close();
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0'], har(`${closed.url}/api`), {
      plan: fixedPlan(1),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: entry 0: baseline: connection refused\n');
  });

  it('an endpoint that answers the same without the token', async () => {
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0'], har(`${server.url}/open`), {
      plan: fixedPlan(1),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'jwt-lens: entry 0: endpoint does not require this token (the request without it got the same answer, 200)\n',
    );
  });

  it('a missing HAR file', async () => {
    const result = await runProbeCli(['probe', 'nope.har', '--entry', '0'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jwt-lens: nope.har: no such file\n');
  });

  it('finds the entry by URL substring: the first whose URL contains it and carries a token', async () => {
    const files = {
      'p.har': harText([
        { url: `${server.url}/api?page=1` },
        { url: `${server.url}/api?page=2`, headers: bearer() },
      ]),
    };
    const result = await runProbeCli(['probe', 'p.har', '--entry', '/api', '--dry-run'], files, {
      plan: fixedPlan(0),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run: entry 1:/);
  });
});

describe('probe: the report', () => {
  it('never holds the token or its signature, in any format', async () => {
    for (const format of ['json', 'table', 'md', 'sarif']) {
      const result = await runProbeCli(
        ['probe', 'p.har', '--entry', '0', '--format', format],
        har(`${server.url}/api?access_token=${token}`),
        { plan: fixedPlan(2) },
      );
      expect(result.code, format).toBe(0);
      expect(result.stdout, format).not.toContain(signature());
    }
  });

  it('lists every request sent and its answer under a table', async () => {
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--format', 'table'],
      har(`${server.url}/api`),
      {
        plan: fixedPlan(1),
      },
    );
    const probe = result.stdout.slice(result.stdout.indexOf('Probe of entry 0'));
    expect(probe.split('\n').map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(
        /^Probe of entry 0: GET http:\/\/127\.0\.0\.1:\d+\/api \(token [0-9a-f]{16}, request-header Authorization\)$/,
      ),
      'baseline 200 accepted replayed unchanged',
      'negative-control 401 rejected token removed',
      expect.stringMatching(/^signature-corrupted:0 401 \w+ signature byte 0 flipped$/),
      '',
    ]);
  });

  it('exits as scan does with --fail-on: 1 when a finding reaches it', async () => {
    const weak = await new SignJWT({ sub: 'user-42' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret'));
    const files = {
      'p.har': harText([{ url: `${server.url}/api`, headers: { Authorization: `Bearer ${weak}` } }]),
    };
    const plan = fixedPlan(0);
    // The baseline of a token the server does not know is refused: a fixed sender answers instead.
    const send = async (r: ProbeRequest) => {
      const ok = r.headers.some((h) => h.name === 'Authorization');
      return { status: ok ? 200 : 401, headers: [], body: ok ? '{"items":[]}' : '{}', durationMs: 1 };
    };
    const high = await runProbeCli(['probe', 'p.har', '--entry', '0', '--fail-on', 'high'], files, {
      plan,
      send,
    });
    expect(high.code).toBe(1);
    expect(JSON.parse(high.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      'hmac-weak-secret',
    );
    const none = await runProbeCli(['probe', 'p.har', '--entry', '0'], files, { plan, send });
    expect(none.code).toBe(0);
  });
});
