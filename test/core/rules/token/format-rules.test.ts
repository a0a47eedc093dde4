import { CompactEncrypt, CompactSign, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseToken } from '../../../../src/core/token/parse-token';
import { b64, GOOD_CLAIMS, goodToken, hitOf, ids, jwe, jws, NOW, run } from './helpers';

const header = b64({ alg: 'HS256', typ: 'JWT' });

/** Malformed inputs: each must produce exactly one finding, fmt-malformed, with the parser's error. */
const MALFORMED: [string, string][] = [
  ['truncated with "..."', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...'],
  ['truncated with an ellipsis', `${header}.${b64(GOOD_CLAIMS)}\u2026`],
  ['two segments', `${header}.${b64(GOOD_CLAIMS)}`],
  ['four segments', `${header}.${b64(GOOD_CLAIMS)}.${b64('s')}.x`],
  ['a header that is not JSON', `${b64('{alg:HS256')}.${b64(GOOD_CLAIMS)}.${b64('s')}`],
  ['JSON serialization', JSON.stringify({ payload: 'e30', signatures: [] })],
  ['an empty string', ''],
  ['a JWE without enc', jwe({ alg: 'dir' })],
  [
    'a JWE cut in its initialization vector',
    `${jwe({ alg: 'RSA-OAEP', enc: 'A256GCM' }).split('.').slice(0, 3).join('.')}\u2026`,
  ],
];

describe('fmt-malformed', () => {
  it.each(MALFORMED)('%s gets fmt-malformed and nothing else', (_, text) => {
    const hits = run(text);
    expect(ids(hits)).toEqual(['fmt-malformed']);
    const errors = parseToken(text).errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(hits[0]?.detail).toBe(`Malformed token: ${errors.slice(0, 5).join('; ')}.`);
    expect(hits[0]?.severity).toBeUndefined();
  });

  it('judges the header and claims of a token broken only in its signature, never its signature', () => {
    const claims = { sub: 'user-1', email: 'jane@example.com', iat: NOW - 60 };
    const body = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(claims)}`;
    for (const text of [
      `${body}.ab+c`,
      `${body}.${b64(new Uint8Array(64)).slice(0, 21)}`,
      `${body}.AAAA\u2026`,
    ]) {
      const hits = run(text);
      const found = ids(hits);
      for (const id of ['exp-missing', 'aud-missing', 'iss-missing', 'pii-oidc-claims', 'typ-not-explicit'])
        expect(found).toContain(id);
      for (const id of ['sig-ecdsa-zero', 'sig-length-mismatch', 'sig-stripped'])
        expect(found).not.toContain(id);
      expect(hitOf(hits, 'fmt-malformed')?.detail).toMatch(
        /^Malformed token: .*segment 3 \(signature\).*\. Only the signature segment is broken: the header and payload decoded completely and are judged, but the signature was not checked\.$/,
      );
    }
  });

  it('judges the header of a token broken in its payload, never its claims or signature', () => {
    const unsecured = b64({ alg: 'none', cty: 'JWT' });
    for (const [text, algRule] of [
      [`${header}.${b64(GOOD_CLAIMS)}+.${b64('s')}`, 'hmac-symmetric'],
      [`${header}.${b64(GOOD_CLAIMS).slice(0, 41)}.ab+c`, 'hmac-symmetric'],
      [`${unsecured}.${b64(GOOD_CLAIMS).slice(0, 41)}.`, 'alg-none'],
    ] as const) {
      const hits = run(text);
      expect(ids(hits)).toEqual(['fmt-malformed', algRule, 'typ-not-explicit'].sort());
      expect(hitOf(hits, 'fmt-malformed')?.detail).toMatch(
        /segment 2 \(payload\).*\. The header decoded into a JSON object and is judged; the payload did not decode completely, so no claim is judged; the signature was not checked\.$/,
      );
    }
  });

  it.each([
    ['null', null, 'alg is null, not a string.'],
    ['a number', 5, 'alg is 5, not a string.'],
    ['absent', undefined, 'alg is absent, not a string.'],
  ])(
    'an alg that is %s: alg-unregistered beside fmt-malformed, and the claims are judged',
    (_, alg, detail) => {
      const text = `${b64({ alg })}.${b64({ sub: 'user-1' })}.${b64(new Uint8Array(32).fill(1))}`;
      const hits = run(text);
      expect(hitOf(hits, 'alg-unregistered')?.detail).toBe(detail);
      expect(hitOf(hits, 'fmt-malformed')?.detail).toMatch(
        /The header decoded into a JSON object and is judged; the payload decoded completely and is judged; the signature was not checked\.$/,
      );
      expect(ids(hits)).toContain('exp-missing');
      for (const id of ['sig-length-mismatch', 'sig-stripped', 'hmac-symmetric', 'alg-none'])
        expect(ids(hits)).not.toContain(id);
    },
  );

  it('keeps only the start of a JOSE header as evidence, never other text', () => {
    expect(hitOf(run('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...'), 'fmt-malformed')?.evidence).toEqual([
      { label: 'token start', value: 'eyJhbGciOiJI…' },
    ]);
    expect(hitOf(run('hunter2.secret'), 'fmt-malformed')?.evidence).toEqual([]);
  });

  it('reports parser warnings (duplicate keys) at low, alongside the other rules', () => {
    const dup = `${b64('{"alg":"ES256","typ":"app+jwt","alg":"ES256"}')}.${b64(GOOD_CLAIMS)}.${b64(new Uint8Array(64).fill(7))}`;
    expect(parseToken(dup).warnings.length).toBeGreaterThan(0);
    const hit = hitOf(run(dup), 'fmt-malformed');
    expect(hit?.severity).toBe('low');
    expect(hit?.detail).toMatch(/^Token parsed, but with oddities parsers disagree on: .*duplicate/);
  });

  it('does not fire on tokens signed by jose', async () => {
    const hs = await new SignJWT(GOOD_CLAIMS)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32).fill(9));
    expect(ids(run(hs))).not.toContain('fmt-malformed');
  });
});

describe('payload-not-jwt-claims', () => {
  it('fires for text, arrays and empty payloads, quoting the parser', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const text = await new CompactSign(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'ES256', typ: 'app+jwt' })
      .sign(privateKey);
    const hit = hitOf(run(text), 'payload-not-jwt-claims');
    expect(hit?.detail).toBe(`The payload is not a JWT claims set: ${parseToken(text).payloadProblem}.`);
    expect(ids(run(text))).toEqual(['payload-not-jwt-claims']);
    const arr = jws({ alg: 'ES256', typ: 'app+jwt' }, [1], new Uint8Array(64).fill(7));
    expect(ids(run(arr))).toEqual(['payload-not-jwt-claims']);
  });

  it('does not fire for a nested JWT (cty JWT), whose payload is a token', () => {
    const outer = jws({ alg: 'ES256', typ: 'app+jwt', cty: 'JWT' }, goodToken(), new Uint8Array(64).fill(7));
    expect(parseToken(outer).nested).toBeDefined();
    expect(ids(run(outer))).toEqual([]);
  });
});

describe('token kinds', () => {
  it('a JWE gets header rules only (no claim, time or signature findings)', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES+A256KW');
    const text = await new CompactEncrypt(new TextEncoder().encode('{}'))
      .setProtectedHeader({
        alg: 'ECDH-ES+A256KW',
        enc: 'A256GCM',
        kid: '../../etc/passwd',
        jku: 'http://x.test/k',
      })
      .encrypt(publicKey);
    expect(ids(run(text))).toEqual(['hdr-jku-x5u', 'hdr-kid-injection', 'jwe-opaque']);
  });

  it('a JWE with cty JWT says the inner token still needs verifying', () => {
    const hit = hitOf(run(jwe({ alg: 'dir', enc: 'A128GCM', cty: 'JWT' })), 'jwe-opaque');
    expect(hit?.detail).toContain('nested JWT');
  });
});
