import { SignJWT } from 'jose';
import { it } from 'vitest';
import { fingerprintOf } from '../../../src/core/crypto/sha256';
import { decodeBase64Url } from '../../../src/core/token/base64url';
import { parseToken } from '../../../src/core/token/parse-token';
import { parseJsonObject } from '../../../src/core/token/safe-json';
import { decodeUtf8 } from '../../../src/core/token/utf8';

it('bench', async () => {
  const key = new TextEncoder().encode('secret-secret-secret-secret-1234');
  const tokens: string[] = [];
  for (let i = 0; i < 300; i++) {
    const claims: Record<string, unknown> = {
      sub: `user-${i}`,
      iss: 'https://issuer.example.com/',
      aud: 'api://x',
      iat: 1700000000,
      exp: 1700003600,
      scope: 'read write',
      nonce: 'n'.repeat(i * 4),
      roles: ['a', 'b'],
      ctx: { tenant: 't', at: '12:30' },
    };
    tokens.push(
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' }).sign(key),
    );
  }
  const N = 100000;
  const list = Array.from({ length: N }, (_, i) => tokens[i % tokens.length]!);
  const dec = new TextDecoder();
  const bare = () => {
    let s = 0;
    for (const t of list) {
      const [h, p] = t.split('.');
      s +=
        Object.keys(JSON.parse(dec.decode(Buffer.from(h!, 'base64url')))).length +
        Object.keys(JSON.parse(dec.decode(Buffer.from(p!, 'base64url')))).length;
    }
    return s;
  };
  const atobBare = () => {
    let s = 0;
    for (const t of list) {
      const [h, p] = t.split('.');
      const d = (x: string) => JSON.parse(atob(x.replace(/-/g, '+').replace(/_/g, '/')));
      s += Object.keys(d(h!)).length + Object.keys(d(p!)).length;
    }
    return s;
  };
  const parse = () => {
    let s = 0;
    for (const t of list) s += parseToken(t).errors.length;
    return s;
  };
  const fp = () => {
    let s = 0;
    for (const t of list) s += fingerprintOf(t).length;
    return s;
  };
  const segs = list.map((t) => t.split('.'));
  const texts = segs.map((s) => new TextDecoder().decode(Buffer.from(s[1]!, 'base64url')));
  const b64 = () => {
    let x = 0;
    for (const s of segs) {
      for (const seg of s) {
        const r = decodeBase64Url(seg);
        if (r.ok) x += decodeUtf8(r.bytes)?.length ?? 0;
      }
    }
    return x;
  };
  const V = /^[A-Za-z0-9_-]*$/;
  const ASCII = /^[\x00-\x7f]*$/;
  const atobPath = () => {
    let x = 0;
    for (const s of segs) {
      for (const seg of s) {
        if (!V.test(seg)) continue;
        const bin = atob(seg.replace(/-/g, '+').replace(/_/g, '/'));
        if (ASCII.test(bin)) x += bin.length;
      }
    }
    return x;
  };
  const jp = () => {
    let x = 0;
    for (const t of texts) x += Object.keys(JSON.parse(t)).length;
    return x;
  };
  const sj = () => {
    let x = 0;
    for (const t of texts) x += (parseJsonObject(t, 'payload') as { warnings: string[] }).warnings.length;
    return x;
  };
  const split = () => {
    let x = 0;
    for (const t of list) x += t.split('.').length;
    return x;
  };
  for (let r = 0; r < 3; r++)
    for (const [name, f] of [
      ['bare-buffer', bare],
      ['bare-atob', atobBare],
      ['parseToken', parse],
      ['fingerprintOf', fp],
      ['b64+utf8', b64],
      ['atobPath', atobPath],
      ['JSON.parse', jp],
      ['parseJsonObject', sj],
      ['split', split],
    ] as const) {
      const t0 = performance.now();
      f();
      console.log(name, (performance.now() - t0).toFixed(0));
    }
  console.log('avg len', list.reduce((a, t) => a + t.length, 0) / N);
}, 120000);
