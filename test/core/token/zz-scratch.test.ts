import { it } from 'vitest';
import { SignJWT } from 'jose';
import { parseToken } from '../../../src/core/token/parse-token';
import { fingerprintOf } from '../../../src/core/crypto/sha256';
it('bench', async () => {
  const key = new TextEncoder().encode('secret-secret-secret-secret-1234');
  const tokens: string[] = [];
  for (let i = 0; i < 300; i++) {
    const claims: Record<string, unknown> = { sub: `user-${i}`, iss: 'https://issuer.example.com/', aud: 'api://x', iat: 1700000000, exp: 1700003600, scope: 'read write', nonce: 'n'.repeat(i * 4), roles: ['a', 'b'], ctx: { tenant: 't', at: '12:30' } };
    tokens.push(await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' }).sign(key));
  }
  const N = 100000;
  const list = Array.from({ length: N }, (_, i) => tokens[i % tokens.length]!);
  const dec = new TextDecoder();
  const bare = () => { let s = 0; for (const t of list) { const [h, p] = t.split('.'); s += Object.keys(JSON.parse(dec.decode(Buffer.from(h!, 'base64url')))).length + Object.keys(JSON.parse(dec.decode(Buffer.from(p!, 'base64url')))).length; } return s; };
  const atobBare = () => { let s = 0; for (const t of list) { const [h, p] = t.split('.'); const d = (x: string) => JSON.parse(atob(x.replace(/-/g, '+').replace(/_/g, '/'))); s += Object.keys(d(h!)).length + Object.keys(d(p!)).length; } return s; };
  const parse = () => { let s = 0; for (const t of list) s += parseToken(t).errors.length; return s; };
  const fp = () => { let s = 0; for (const t of list) s += fingerprintOf(t).length; return s; };
  for (let r = 0; r < 3; r++) for (const [name, f] of [['bare-buffer', bare], ['bare-atob', atobBare], ['parseToken', parse], ['fingerprintOf', fp]] as const) {
    const t0 = performance.now(); f(); console.log(name, (performance.now() - t0).toFixed(0));
  }
  console.log('avg len', list.reduce((a, t) => a + t.length, 0) / N);
}, 120000);
