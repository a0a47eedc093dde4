import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadUserKeys } from '../../src/cli/keys';

describe('loadUserKeys (--jwks)', () => {
  it('reads JWKS and PEM files, and names each file it cannot use in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-keys-'));
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwks = join(dir, 'jwks.json');
    const pem = join(dir, 'key.pem');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      jwks,
      JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'a' }, { kty: 'RSA' }] }),
    );
    writeFileSync(pem, await exportSPKI(pair.publicKey));
    writeFileSync(bad, '{"keys": [');
    const missing = join(dir, 'missing.json');
    const { keys, errors } = await loadUserKeys([jwks, pem, bad, missing, dir]);
    expect(keys.map((k) => [k.kid, k.source.where])).toEqual([
      ['a', jwks],
      [undefined, pem],
    ]);
    expect(errors).toEqual([
      `${jwks}: keys[1] has no "n"`,
      expect.stringMatching(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`)),
      `${missing}: no such file`,
      `${dir}: is a directory, not a file`,
    ]);
    expect(errors.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('uses the reader it is given and reports an empty key set', async () => {
    const { keys, errors } = await loadUserKeys(['k.json'], async () => '{"keys": []}');
    expect(keys).toEqual([]);
    expect(errors).toEqual(['k.json: no keys in it']);
  });
});
