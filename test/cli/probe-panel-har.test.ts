import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyDocument } from '../../src/core/types';
import { keptExchangeOf } from '../../src/panel/models/exchange-store';
import { probeHarFile } from '../../src/panel/models/probe-har';
import { harEntry, runProbeCli } from './probe-helpers';

/**
 * The panel's "Probe this request…" file read by the real CLI: entry 0 is the request, the key sets seen
 * in the capture follow (public keys only), so `jwt-lens probe <file> --entry 0` plans the alg-confusion
 * cases from it. Dry runs only: nothing is sent.
 */
const API = 'http://127.0.0.1:9/api/orders';
const JWKS_URL = 'http://127.0.0.1:9/.well-known/jwks.json';
const tool = { name: 'jwt-lens', version: '9.9.9' };
let token = '';
let jwks: KeyDocument;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  token = await new SignJWT({ sub: 'user-42', aud: 'demo-api' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  // A key set that (wrongly) publishes the private key and a shared secret: the saved file must not.
  const published = { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  expect((await exportJWK(publicKey)).n).toBe(published.n);
  const oct = { kty: 'oct', kid: 'shared', k: 'c2hhcmVkLXNlY3JldC1zaGFyZWQtc2VjcmV0' };
  jwks = { kind: 'jwks', url: JWKS_URL, requestId: 'r-keys', json: { keys: [published, oct] } };
});

function savedFile(keyDocuments: readonly KeyDocument[]): string {
  const exchange = keptExchangeOf(harEntry({ url: API, headers: { Authorization: `Bearer ${token}` } }));
  if (!exchange) throw new Error('not kept');
  return probeHarFile(exchange, tool, new Date(0), keyDocuments).text;
}

async function dryRun(keyDocuments: readonly KeyDocument[]) {
  const result = await runProbeCli(['probe', 'p.har', '--entry', '0', '--dry-run'], {
    'p.har': savedFile(keyDocuments),
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('probe on the panel-saved HAR', () => {
  it('plans the alg-confusion cases from the key set saved after entry 0', async () => {
    const out = await dryRun([jwks]);
    for (const form of ['pem', 'pem-no-newline', 'der', 'jwk'])
      expect(out).toContain(`[alg-confusion:${form}]`);
    expect(out).toContain(`GET ${API}`);
    expect(out).not.toContain(JWKS_URL);
  });

  it('plans none without a key set', async () => {
    const out = await dryRun([]);
    expect(out).toContain('[alg-none:none]');
    expect(out).not.toContain('alg-confusion');
  });

  it('saves public material only: no private member, no symmetric key', () => {
    const har = JSON.parse(savedFile([jwks]));
    expect(har.log.entries).toHaveLength(2);
    const keys = JSON.parse(har.log.entries[1].response.content.text).keys;
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(har.log.entries[1].request).toMatchObject({ method: 'GET', url: JWKS_URL });
  });
});
