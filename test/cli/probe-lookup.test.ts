import type { LookupAddress, LookupOptions } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loopbackLookup } from '../../src/cli/probe/loopback-lookup';
import { sendProbe } from '../../src/cli/probe/send';

type Answer = string | LookupAddress[];

/** A resolver that answers every name with `answer`, and the names it was asked. */
function fakeResolver(answer: Answer) {
  const asked: string[] = [];
  const base = (
    hostname: string,
    _options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: Answer, family?: number) => void,
  ) => {
    asked.push(hostname);
    callback(null, answer, 4);
  };
  return { base, asked };
}

function resolve(hostname: string, answer: Answer, options: LookupOptions = {}) {
  const { base } = fakeResolver(answer);
  return new Promise<{ error: NodeJS.ErrnoException | null; address: Answer }>((done) =>
    loopbackLookup(base)(hostname, options, (error, address) => done({ error, address })),
  );
}

describe('probe: a host named as loopback must resolve to loopback', () => {
  it('refuses *.localhost (or localhost) when the resolver answers with another address', async () => {
    const stray = await resolve('api.localhost', '203.0.113.5');
    expect(stray.error?.code).toBe('ERR_PROBE_NOT_LOOPBACK');
    expect(stray.error?.message).toBe(
      'api.localhost resolved to 203.0.113.5, not a loopback address: refused',
    );
    const mixed = await resolve('localhost', [
      { address: '127.0.0.1', family: 4 },
      { address: '2001:db8::1', family: 6 },
    ]);
    expect(mixed.error?.code).toBe('ERR_PROBE_NOT_LOOPBACK');
  });

  it('lets loopback answers through, one address or all of them', async () => {
    expect((await resolve('api.localhost', '127.0.0.1')).error).toBeNull();
    const all = [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect(await resolve('localhost', all, { all: true })).toEqual({ error: null, address: all });
  });

  it('resolves a host allowed with --allow-host as usual', async () => {
    expect(await resolve('api.staging.example.com', '203.0.113.5')).toEqual({
      error: null,
      address: '203.0.113.5',
    });
  });

  it('still reaches a server on localhost through the real resolver', async () => {
    const server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await sendProbe(
        { method: 'GET', url: `http://localhost:${port}/`, headers: [] },
        { timeoutMs: 5000 },
      );
      // localhost may resolve to ::1 first, where nothing listens: either way, never refused as stray.
      expect('error' in result ? result.error : 'answered').not.toMatch(/not a loopback address/);
    } finally {
      server.close();
    }
  });
});
