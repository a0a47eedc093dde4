import { describe, expect, it } from 'vitest';
import { findWeakSecrets, type SecretProgress } from '../../../src/core/secrets/find-weak-secrets';
import { packCandidates } from '../../../src/core/secrets/pack-candidates';
import type { Sighting } from '../../../src/core/types';
import { signedToken, tokenFromText } from './make-token';

const RFC7515_A1 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC7520_4_4 =
  'eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0';

/**
 * jwt.io's default HMAC tokens: github.com/jsonwebtoken/jsonwebtoken.github.io,
 * src/features/common/values/default-tokens.values.ts at d88e9709c6f463413280a7f39114523a313bdb35.
 */
const JWT_IO_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30';
const JWT_IO_HS384 =
  'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.owv7q9nVbW5tqUezF_G2nHTra-ANW3HqW9epyVwh08Y-Z-FKsnG8eBIpC4GTfTVU';
const JWT_IO_HS512 =
  'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.ANCf_8p1AE4ZQs7QuqGAyyfTEgYrKSjKWkhBk5cIn1_2QVr2jEjmM-1tu7EgnyOf_fAsvdFXva8Sv05iTGzETg';

function sighting(url: string): Sighting {
  return {
    id: '0:0',
    tokenText: '',
    where: 'request-header',
    name: 'authorization',
    url,
    method: 'GET',
    status: 200,
    scheme: 'https',
    startedAt: '',
    requestId: '0',
  };
}

describe.each(['simd', 'js'] as const)('findWeakSecrets (%s engine)', (engine) => {
  it('reports the published RFC 7515 A.1 and RFC 7520 §4.4 keys as key-publicly-known', async () => {
    const hits = await findWeakSecrets([tokenFromText(RFC7515_A1), tokenFromText(RFC7520_4_4)], { engine });
    expect(hits.map((h) => h.ruleId)).toEqual(['key-publicly-known', 'key-publicly-known']);
    expect(hits[0]!.detail).toContain('RFC 7515 Appendix A.1');
    expect(hits[1]!.detail).toContain('RFC 7520 §3.5');
    expect(hits[0]!.evidence?.[0]?.raw).toMatch(/^hex:0323354b2b0fa5bc837e/);
  });

  it('reports a jwt.io default secret as published, for each HS algorithm', async () => {
    const tokens = await Promise.all([
      signedToken('HS256', 'your-256-bit-secret'),
      signedToken('HS384', 'your-384-bit-secret'),
      signedToken('HS512', 'your-512-bit-secret'),
    ]);
    const hits = await findWeakSecrets(tokens, { engine });
    expect(hits.map((h) => [h.ruleId, h.fingerprint])).toEqual(
      tokens.map((t) => ['key-publicly-known', t.fingerprint]),
    );
  });

  it('reports the redesigned jwt.io debugger’s default HS256/384/512 tokens as key-publicly-known', async () => {
    const tokens = [JWT_IO_HS256, JWT_IO_HS384, JWT_IO_HS512].map(tokenFromText);
    const hits = await findWeakSecrets(tokens, { engine });
    expect(hits.map((h) => [h.ruleId, h.fingerprint])).toEqual(
      tokens.map((t) => ['key-publicly-known', t.fingerprint]),
    );
    expect(hits.map((h) => h.evidence?.[0]?.value)).toEqual([
      'jwt.io default',
      'jwt.io HS384 default (redesigned)',
      'jwt.io HS512 default (redesigned)',
    ]);
  });

  it('reports a built-in weak secret as hmac-weak-secret, masked, with the raw value kept apart', async () => {
    const token = await signedToken('HS256', 'changeme123');
    const [hit, ...rest] = await findWeakSecrets([token], { engine });
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ ruleId: 'hmac-weak-secret', fingerprint: token.fingerprint });
    expect(hit!.detail).toContain('"c****3"');
    expect(hit!.detail).not.toContain('changeme123');
    expect(hit!.evidence?.[0]).toEqual({ label: 'secret', value: 'c****3', raw: 'changeme123' });
    expect(hit!.evidence?.[1]?.value).toBe('the built-in list of weak and default secrets');
  });

  it('finds secrets derived from the capture: host labels, issuer, claim values', async () => {
    const byHost = {
      token: await signedToken('HS384', 'acme-jwt-secret'),
      sightings: [sighting('https://api.acme.example/v1')],
    };
    const byIssuer = {
      token: await signedToken('HS512', 'Billing_secret', { iss: 'https://login.billing.test/' }),
    };
    const byClaim = { token: await signedToken('HS256', 'mobile-app-7f3key', { azp: 'mobile-app-7f3' }) };
    const hits = await findWeakSecrets([byHost, byIssuer, byClaim], { engine });
    expect(hits.map((h) => h.fingerprint).sort()).toEqual(
      [byHost, byIssuer, byClaim].map((t) => t.token.fingerprint).sort(),
    );
    for (const hit of hits) expect(hit.evidence?.[1]?.value).toContain('values seen in this capture');
  });

  it('does not report a strong random secret, and ignores tokens that are not HMAC-signed', async () => {
    const strong = await signedToken('HS256', crypto.getRandomValues(new Uint8Array(32)));
    const rs = tokenFromText(`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30.c2ln`);
    const progress: SecretProgress[] = [];
    const hits = await findWeakSecrets([strong, rs], { engine, onProgress: (p) => progress.push(p) });
    expect(hits).toEqual([]);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['published', 'built-in', 'capture']),
    );
    expect(progress.at(-1)).toMatchObject({ cracked: 0, targets: 1 });
  });

  it('tries caller-supplied wordlists last and names them', async () => {
    const token = await signedToken('HS256', 'Tr0ub4dor&3');
    const batches = [packCandidates(['nope', 'also-no']), packCandidates(['Tr0ub4dor&3'])];
    const hits = await findWeakSecrets([token], { engine, wordlists: [{ name: 'list.txt', batches }] });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidence?.[1]?.value).toBe('the wordlist list.txt');
  });

  it('stops when aborted', async () => {
    const token = await signedToken('HS256', 'Tr0ub4dor&3');
    const controller = new AbortController();
    controller.abort();
    const batches = [packCandidates(['Tr0ub4dor&3'])];
    expect(
      await findWeakSecrets([token], {
        engine,
        signal: controller.signal,
        wordlists: [{ name: 'l', batches }],
      }),
    ).toEqual([]);
  });
});

it('cracks the inner token of a nested JWT and reports it on the outer token', async () => {
  const inner = await signedToken('HS256', 'secret');
  const outer = {
    ...(await signedToken('HS256', crypto.getRandomValues(new Uint8Array(32)))),
    nested: inner,
  };
  const hits = await findWeakSecrets([outer]);
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ ruleId: 'hmac-weak-secret', fingerprint: outer.fingerprint });
  expect(hits[0]!.detail).toMatch(/^The nested token's HS256 MAC/);
});

describe('many tokens from one issuer', () => {
  it('dictionary-tests one token per key group and still reports every token the secret opens', async () => {
    const same = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signedToken('HS256', 'changeme', { iss: 'https://a.test', sub: `u${i}` }),
      ),
    );
    const other = await signedToken('HS512', 'changeme', { iss: 'https://b.test' });
    const strong = await signedToken('HS256', crypto.getRandomValues(new Uint8Array(32)), {
      iss: 'https://c.test',
    });
    const progress: SecretProgress[] = [];
    const hits = await findWeakSecrets([...same, other, strong], { onProgress: (p) => progress.push(p) });
    expect(hits).toHaveLength(41);
    expect(new Set(hits.map((h) => h.fingerprint))).toEqual(
      new Set([...same, other].map((t) => t.fingerprint)),
    );
    expect(progress.at(-1)).toMatchObject({ cracked: 41, targets: 42 });
  });
});

describe('key groups', () => {
  const strong = () => crypto.getRandomValues(new Uint8Array(32));

  it('does not group tokens that have no iss, no kid and no host: each is tested', async () => {
    const first = await signedToken('HS256', strong(), { sub: 'a' });
    const weak = await signedToken('HS256', 'changeme', { sub: 'b' });
    const hits = await findWeakSecrets([first, weak]);
    expect(hits.map((h) => h.fingerprint)).toEqual([weak.fingerprint]);
  });

  it('tests one token per (alg, iss, kid, host) group unless asked to test each', async () => {
    const rotated = await signedToken('HS256', strong(), { iss: 'https://a.test', sub: 'new' });
    const old = await signedToken('HS256', 'changeme', { iss: 'https://a.test', sub: 'old' });
    expect(await findWeakSecrets([rotated, old])).toEqual([]);
    const each = await findWeakSecrets([rotated, old], { eachToken: true });
    expect(each.map((h) => h.fingerprint)).toEqual([old.fingerprint]);
  });
});
