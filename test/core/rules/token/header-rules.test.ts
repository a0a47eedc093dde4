import { describe, expect, it } from 'vitest';
import { GOOD_CLAIMS, goodToken, hitOf, ids, jwe, jws, run } from './helpers';

describe('hdr-jku-x5u', () => {
  it.each([
    [
      { jku: 'http://login.example.com/jwks' },
      'critical',
      'jku http://login.example.com/jwks is fetched over plain http:',
    ],
    [
      { x5u: 'https://evil.test/c.pem' },
      'critical',
      "on host evil.test, unrelated to the issuer's host login.example.com",
    ],
    [{ jku: 'ftp://login.example.com/k' }, 'critical', 'uses the ftp: scheme'],
    [{ jku: 'https://keys.example.com/jwks' }, 'high', "is on the issuer's site"],
    [{ jku: 'not a url' }, 'high', 'jku "not a url" is not a URL'],
  ])('%o → %s', (header, severity, detail) => {
    const hit = hitOf(run(goodToken({}, header)), 'hdr-jku-x5u');
    expect(hit?.severity).toBe(severity);
    expect(hit?.detail).toContain(detail);
  });

  it.each(['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080'])(
    'plain http to a loopback issuer (%s) is not critical for cleartext: judged by its host',
    (origin) => {
      const hit = hitOf(run(goodToken({ iss: origin }, { jku: `${origin}/jwks` })), 'hdr-jku-x5u');
      expect(hit?.severity).toBe('high');
      expect(hit?.detail).toContain("is on the issuer's site");
      const offSite = hitOf(run(goodToken({}, { jku: `${origin}/jwks` })), 'hdr-jku-x5u');
      expect(offSite?.severity).toBe('critical');
      expect(offSite?.detail).toContain('unrelated to the issuer');
    },
  );

  it('is high when there is no issuer to compare with', () => {
    const hit = hitOf(
      run(goodToken({ iss: undefined }, { jku: 'https://keys.example.com/jwks' })),
      'hdr-jku-x5u',
    );
    expect(hit?.severity).toBe('high');
    expect(hit?.detail).toContain('cannot be tied to an issuer');
  });

  it('reports jku and x5u together, critical if either is', () => {
    const hit = hitOf(
      run(goodToken({}, { jku: 'https://keys.example.com/k', x5u: 'http://example.com/c' })),
      'hdr-jku-x5u',
    );
    expect(hit?.severity).toBe('critical');
    expect(hit?.detail).toMatch(/^jku .*; x5u .*http:\.$/);
  });

  it('never puts a query string (which may hold a token) in the detail', () => {
    const hit = hitOf(run(goodToken({}, { jku: 'https://evil.test/k?token=abc' })), 'hdr-jku-x5u');
    expect(hit?.detail).not.toContain('token=abc');
  });
});

describe('hdr-kid-injection', () => {
  it.each([
    ['../../../../dev/null', 'path traversal ("../") and a file-system path'],
    ['..\\keys\\k1', 'path traversal'],
    ['/etc/passwd', 'a file-system path'],
    ["1' UNION SELECT 'key", 'SQL metacharacters'],
    ['k; DROP TABLE keys', 'SQL metacharacters'],
    ['key|whoami', 'shell metacharacters'],
    ['$(curl evil.test)', 'shell metacharacters'],
    ['https://evil.test/key.pem', 'a URL or file scheme'],
    ['file:///etc/passwd', 'a URL or file scheme'],
    ['key\u0000', 'control characters'],
  ])('kid %j contains %s', (kid, what) => {
    expect(hitOf(run(goodToken({}, { kid })), 'hdr-kid-injection')?.detail).toContain(what);
  });

  it.each([
    'key-2024-01',
    '2c5a1b3e-8f7d-4a6b-9c0d-1e2f3a4b5c6d',
    'MnQ8OIkkBGFoZm5BsiQxzQ',
    'arn:aws:kms:eu-west-1:123456789012:key/abcd',
    'sha256:0f3a',
  ])('ordinary kid %j passes', (kid) => {
    expect(ids(run(goodToken({}, { kid })))).not.toContain('hdr-kid-injection');
  });

  it('keeps the raw kid as evidence', () => {
    expect(hitOf(run(goodToken({}, { kid: '../k' })), 'hdr-kid-injection')?.evidence).toEqual([
      { label: 'kid', value: '../k', raw: '../k' },
    ]);
  });
});

describe('hdr-crit-extension', () => {
  it('names b64: false (RFC 7797)', () => {
    const text = jws(
      { alg: 'ES256', typ: 'app+jwt', b64: false, crit: ['b64'] },
      GOOD_CLAIMS,
      new Uint8Array(64),
    );
    const hit = hitOf(run(text), 'hdr-crit-extension');
    expect(hit?.detail).toBe('crit lists "b64"; b64 is false (RFC 7797 unencoded payload).');
  });

  it('explains a crit that is not a non-empty array of names', () => {
    expect(hitOf(run(goodToken({}, { crit: [] })), 'hdr-crit-extension')?.detail).toBe(
      'crit is an array of 0 (must be a non-empty array of header names).',
    );
  });
});

describe('hdr-nonstandard', () => {
  it.each([
    [{ isAdmin: true }, '"isAdmin"'],
    [{ zip: 'DEF' }, '"zip" (a JWE-only parameter in a JWS)'],
    [{ Typ: 'JWT' }, '"Typ" (did the issuer mean "typ"?)'],
    [{ key_id: 'k' }, '"key_id" (did the issuer mean "kid"?)'],
    [{ kty: 'RSA' }, '"kty" (a JWK member outside "jwk")'],
    [{ kid: 42 }, '"kid" is 42, not a string'],
    [{ constructor: 1 }, 'Non-standard header parameters: "constructor".'],
  ])('%o', (header, detail) => {
    expect(hitOf(run(goodToken({}, header)), 'hdr-nonstandard')?.detail).toContain(detail);
  });

  it.each([
    { kid: 'k' },
    { x5t: 'AA' },
    { 'x5t#S256': 'AA' },
    { cty: 'JWT' },
    { nonce: 'n', url: 'https://x' },
  ])('registered %o passes', (header) => {
    expect(ids(run(goodToken({}, header)))).not.toContain('hdr-nonstandard');
  });

  it('accepts JWE parameters in a JWE', () => {
    const text = jwe({ alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty: 'EC' }, apu: 'AA', apv: 'AA' });
    expect(ids(run(text))).not.toContain('hdr-nonstandard');
  });
});

describe('typ-not-explicit', () => {
  it('absent typ is info', () => {
    const hit = hitOf(run(goodToken({}, { typ: undefined })), 'typ-not-explicit');
    expect(hit?.severity).toBeUndefined();
    expect(hit?.detail).toMatch(/^typ is absent:/);
  });

  it.each(['JWT', 'jwt', 'application/jwt'])('generic %s is info', (typ) => {
    expect(hitOf(run(goodToken({}, { typ })), 'typ-not-explicit')?.detail).toContain(`generic "${typ}"`);
  });

  it('is low for access tokens, logout tokens and DPoP proofs', () => {
    const plain = goodToken({}, { typ: 'JWT' });
    expect(hitOf(run(plain, { purpose: 'access' }), 'typ-not-explicit')?.severity).toBe('low');
    const logout = goodToken(
      { events: { 'http://schemas.openid.net/event/backchannel-logout': {} } },
      { typ: 'JWT' },
    );
    expect(hitOf(run(logout), 'typ-not-explicit')?.severity).toBe('low');
    const dpop = goodToken({ htm: 'GET', htu: 'https://x' }, { typ: undefined });
    expect(hitOf(run(dpop), 'typ-not-explicit')?.severity).toBe('low');
  });

  it('is quiet for explicit types and for JWE', () => {
    expect(ids(run(goodToken({}, { typ: 'at+jwt' })))).not.toContain('typ-not-explicit');
    expect(ids(run(jwe({ alg: 'dir', enc: 'A128GCM', typ: 'JWT' })))).not.toContain('typ-not-explicit');
  });
});

describe('hdr-jwk-embedded and hdr-x5c-embedded', () => {
  it('describe what is embedded', () => {
    expect(hitOf(run(goodToken({}, { jwk: 'x' })), 'hdr-jwk-embedded')?.detail).toContain('kty unknown');
    expect(hitOf(run(goodToken({}, { x5c: 'MIIB' })), 'hdr-x5c-embedded')?.detail).toContain('"MIIB"');
  });
});
