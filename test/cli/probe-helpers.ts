import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliIo } from '../../src/cli/io';
import { type Command, run } from '../../src/cli/main';
import { NODE_DEPS, type ProbeDeps, runProbe } from '../../src/cli/probe/probe';
import type { ProbeCase, ProbeRequest } from '../../src/core/probe';
import { type CliRun, createFakeIo, type FakeIoOptions } from './fake-io';

/** One HAR entry, as browsers write them: request headers, and the recorded response. */
export interface EntrySpec {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: { mimeType: string; text: string };
  status?: number;
  /** A JSON response body (a key set…). */
  response?: unknown;
}

export function harEntry(spec: EntrySpec): unknown {
  const text = spec.response === undefined ? '' : JSON.stringify(spec.response);
  const mimeType = spec.response === undefined ? 'text/plain' : 'application/json';
  const request: Record<string, unknown> = {
    method: spec.method ?? 'GET',
    url: spec.url,
    httpVersion: 'HTTP/1.1',
    headers: Object.entries(spec.headers ?? {}).map(([name, value]) => ({ name, value })),
    cookies: [],
    queryString: [],
    headersSize: -1,
    bodySize: spec.body?.text.length ?? 0,
  };
  if (spec.body) request.postData = spec.body;
  return {
    startedDateTime: new Date().toISOString(),
    time: 5,
    request,
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: mimeType }],
      cookies: [],
      content: { size: text.length, mimeType, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 1, wait: 3, receive: 1 },
  };
}

export function harText(entries: readonly EntrySpec[]): string {
  return JSON.stringify({
    log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: entries.map(harEntry) },
  });
}

/**
 * Runs `jwt-lens <argv>` in-process on in-memory files, with the real clock (probes re-sign tokens from
 * now). `deps` replaces the planner and/or the sender (the real node:http sender when `send` is not given).
 */
export async function runProbeCli(
  argv: string[],
  files: Record<string, string>,
  deps?: Partial<ProbeDeps>,
  options: FakeIoOptions = {},
): Promise<CliRun> {
  const { io, result } = createFakeIo({ ...options, files });
  const realClock: CliIo = { ...io, clock: () => Date.now() };
  const commands: Record<string, Command> = {};
  if (deps) {
    // The core's planner stays a stub until the recipes land: these tests bring their own plan.
    const chosen: ProbeDeps = { plan: deps.plan ?? NODE_DEPS.plan, send: deps.send ?? NODE_DEPS.send };
    commands.probe = (args, cliIo) => runProbe(args, cliIo, chosen);
  }
  const code = await run(argv, realClock, commands);
  return { code, ...result() };
}

/** The request with one header set, removed (`value` undefined) or replaced. */
export function withHeader(request: ProbeRequest, name: string, value: string | undefined): ProbeRequest {
  const headers = request.headers.filter((h) => h.name.toLowerCase() !== name.toLowerCase());
  return { ...request, headers: value === undefined ? headers : [...headers, { name, value }] };
}

/**
 * A fixed plan, standing in for the core's planner: baseline, negative control (no Authorization), then
 * `tampered` cases that each send `Bearer <garbage n>` (their URL can be moved with `urlOf`).
 */
export function fixedPlan(tampered: number, urlOf?: (n: number, url: string) => string): ProbeDeps['plan'] {
  return async (request) => {
    const cases: ProbeCase[] = [
      { id: 'baseline', kind: 'baseline', change: 'replayed unchanged', request },
      {
        id: 'negative-control',
        kind: 'negative-control',
        change: 'token removed',
        request: withHeader(request, 'Authorization', undefined),
      },
    ];
    for (let n = 0; n < tampered; n++) {
      const changed = withHeader(request, 'Authorization', `Bearer tampered-${n}`);
      cases.push({
        id: `signature-corrupted:${n}`,
        kind: 'signature-corrupted',
        change: `signature byte ${n} flipped`,
        ruleId: 'probe-signature-not-verified',
        request: urlOf ? { ...changed, url: urlOf(n, request.url) } : changed,
      });
    }
    return { cases };
  };
}

/** A loopback test server that counts requests and the most it ever had in flight. */
export interface CountingServer {
  url: string;
  count(): number;
  paths(): string[];
  maxInFlight(): number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `/api` answers 200 JSON to `Bearer <the token>` and 401 otherwise, after `delayMs`; `/open` answers 200 to
 * anyone; `/redirect` is a 302 to `/login`; `/slow` never answers; anything else 404.
 */
export async function startCountingServer(token: string, delayMs = 0): Promise<CountingServer> {
  let count = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const paths: string[] = [];
  const routes: Record<string, Handler> = {
    '/api': (req, res) => {
      const ok = req.headers.authorization === `Bearer ${token}`;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(ok ? '{"items":[1,2,3],"next":null}' : '{"error":"invalid_token"}');
    },
    '/open': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"items":[]}'),
    '/redirect': (_req, res) => res.writeHead(302, { Location: '/login?next=%2Fapi' }).end(),
    '/login': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<form></form>'),
    '/slow': () => {},
  };
  const server = createServer((req, res) => {
    count++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    paths.push(path);
    res.on('close', () => inFlight--);
    req.resume();
    req.on('end', () =>
      setTimeout(() => (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res), delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => count,
    paths: () => [...paths],
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
