import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProbeMaterial } from '../../src/core/probe';
import { harText, runProbeCli } from './probe-helpers';

/**
 * What the planner gets besides the request. The re-signed cases need the token's HMAC secret: the probe searches for it as `scan` does (built-in
 * candidates, `--wordlist`, `--brute-digits`) and hands it to the planner; the alg-confusion cases need
 * the issuer's keys: the capture's key sets and `--jwks` files.
 */
const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-probe-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function materialFor(
  secret: string,
  extra: string[],
): Promise<{ material?: ProbeMaterial; stderr: string }> {
  const token = await new SignJWT({ sub: 'user-42' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
  const files = {
    'p.har': harText([{ url: 'http://127.0.0.1:9/api', headers: { Authorization: `Bearer ${token}` } }]),
  };
  let material: ProbeMaterial | undefined;
  const result = await runProbeCli(['probe', 'p.har', '--entry', '0', '--dry-run', ...extra], files, {
    plan: async (request, _slot, _token, given) => {
      material = given;
      return { cases: [{ id: 'baseline', kind: 'baseline', change: 'none', request }] };
    },
  });
  expect(result.code).toBe(0);
  return { material, stderr: result.stderr };
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('probe: the recovered secret', () => {
  it('finds a built-in weak secret with no option', async () => {
    const { material } = await materialFor('secret', []);
    expect(text(material?.recoveredSecret)).toBe('secret');
  });

  it('finds one from --wordlist, and none without it', async () => {
    const wordlist = join(dir, 'words.txt');
    writeFileSync(wordlist, 'alpha\ncorrect-horse-battery-42\nomega\n');
    expect((await materialFor('correct-horse-battery-42', [])).material?.recoveredSecret).toBeUndefined();
    const { material } = await materialFor('correct-horse-battery-42', ['--wordlist', wordlist]);
    expect(text(material?.recoveredSecret)).toBe('correct-horse-battery-42');
  });

  it('finds a numeric one with --brute-digits', async () => {
    const { material } = await materialFor('80913', ['--brute-digits', '5']);
    expect(text(material?.recoveredSecret)).toBe('80913');
  });

  it('refuses a missing wordlist with one line', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('k'));
    const files = {
      'p.har': harText([{ url: 'http://127.0.0.1:9/api', headers: { Authorization: `Bearer ${token}` } }]),
    };
    const missing = join(dir, 'none.txt');
    const result = await runProbeCli(['probe', 'p.har', '--entry', '0', '--wordlist', missing], files);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`jwt-lens: --wordlist ${missing}: no such file\n`);
  });
});

describe('probe: --jwks', () => {
  it('hands the keys of JWK Set and PEM files to the planner as one key set, beside the capture', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1' };
    const set = join(dir, 'keys.json');
    const pem = join(dir, 'key.pem');
    writeFileSync(set, JSON.stringify({ keys: [jwk] }));
    writeFileSync(pem, await exportSPKI(publicKey));
    const { material, stderr } = await materialFor('k', ['--jwks', set, '--jwks', pem]);
    expect(stderr).toBe('');
    expect(material?.keyDocuments).toEqual([
      {
        kind: 'jwks',
        url: `${set}, ${pem}`,
        json: { keys: [jwk, expect.objectContaining({ kty: 'RSA', n: jwk.n })] },
      },
    ]);
  });

  it('gives the planner no key set without it', async () => {
    expect((await materialFor('k', [])).material?.keyDocuments).toEqual([]);
  });

  it('refuses a missing key file with one line', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('k'));
    const files = {
      'p.har': harText([{ url: 'http://127.0.0.1:9/api', headers: { Authorization: `Bearer ${token}` } }]),
    };
    const missing = join(dir, 'none.json');
    const result = await runProbeCli(
      ['probe', 'p.har', '--entry', '0', '--jwks', missing, '--dry-run'],
      files,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^jwt-lens: --jwks .*none\.json: no such file\n$/);
  });
});
