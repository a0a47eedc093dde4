import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { runCli } from './fake-io';

async function signedToken() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const token = await new SignJWT({ sub: 'u1', iss: 'https://id.example.test' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuedAt(1_741_944_000)
    .setExpirationTime(1_741_944_600)
    .sign(privateKey);
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  return { token, jwks: JSON.stringify({ keys: [jwk] }) };
}

function ruleIds(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
}

describe('scan --jwks', () => {
  it('verifies signatures with the keys given', async () => {
    const { token, jwks } = await signedToken();
    const run = await runCli(['scan', 'tokens.txt', '--jwks', 'keys.json', '--format', 'json'], {
      files: { 'tokens.txt': `${token}\n`, 'keys.json': jwks },
    });
    expect(run.code).toBe(0);
    expect(ruleIds(run.stdout)).toContain('sig-verified');
  });

  it('says the signature cannot be checked when no key is known', async () => {
    const { token } = await signedToken();
    const run = await runCli(['scan', 'tokens.txt', '--format', 'json'], {
      files: { 'tokens.txt': `${token}\n` },
    });
    expect(ruleIds(run.stdout)).toContain('sig-unverifiable');
  });

  it('reports a signature that the given key does not verify as sig-invalid', async () => {
    const { token } = await signedToken();
    const other = await signedToken();
    const run = await runCli(['scan', 'tokens.txt', '--jwks', 'keys.json', '--format', 'json'], {
      files: { 'tokens.txt': `${token}\n`, 'keys.json': other.jwks },
    });
    expect(ruleIds(run.stdout)).toContain('sig-invalid');
  });

  it('fails with exit 2 and one line when a key file is missing', async () => {
    const { token } = await signedToken();
    const run = await runCli(['scan', 'tokens.txt', '--jwks', 'missing-keys.json'], {
      files: { 'tokens.txt': `${token}\n` },
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('missing-keys.json');
  });
});
