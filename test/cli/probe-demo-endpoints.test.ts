import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callProbeEndpoints } from '../../scripts/demo-app/probe.js';
import type { DemoServer } from '../../scripts/demo-app/server.mjs';
import { startDemoServer } from '../../scripts/demo-app/server.mjs';

/**
 * The demo app's probe endpoints and the page's "Call the probe endpoints" button, without the probe:
 * each endpoint accepts the token made for it and refuses a request without one, so a captured call is
 * something a probe can replay (baseline accepted, negative control rejected).
 */
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo.close());
afterEach(() => vi.unstubAllGlobals());

/** The page's relative fetches, sent to the demo server as the browser would. */
function pageFetch(seen: string[]) {
  const real = globalThis.fetch;
  return (path: string, init?: RequestInit) => {
    seen.push(path);
    return real(`${demo.url}${path}`, init);
  };
}

describe('demo app: probe endpoints', () => {
  it('the button calls every endpoint once with its token, after the key set, and each accepts it', async () => {
    const seen: string[] = [];
    vi.stubGlobal('fetch', pageFetch(seen));
    expect(await callProbeEndpoints()).toBe(9);
    expect(seen.slice(0, 2)).toEqual(['/.well-known/jwks.json', '/api/probe-tokens']);
    expect(seen.filter((p) => p.startsWith('/probe/'))).toHaveLength(9);
  });

  it.each([
    'sound',
    'alg-none',
    'unverified',
    'psychic',
    'embedded-jwk',
    'alg-confusion',
    'kid-path',
    'clock-tolerance',
    'no-audience',
  ])(
    '/probe/%s refuses a request without a token, and a garbage one, with an RFC 6750 challenge',
    async (name) => {
      const variants: Record<string, string>[] = [{}, { Authorization: 'Bearer not.a.token' }];
      for (const headers of variants) {
        const response = await fetch(`${demo.url}/probe/${name}`, { headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      }
    },
  );

  it('serves the button script to the page', async () => {
    const response = await fetch(`${demo.url}/probe.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('export async function callProbeEndpoints');
    expect(await (await fetch(`${demo.url}/`)).text()).toContain('id="probe"');
  });
});
