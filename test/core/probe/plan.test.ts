import { createHmac, createPublicKey } from 'node:crypto';
import {
  CompactEncrypt,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  EmbeddedJWK,
  exportSPKI,
  jwtVerify,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { MAX_PROBE_CASES, type ProbeCase, planProbes } from '../../../src/core/probe';
import {
  BEARER,
  bearerOf,
  bearerRequest,
  CLAIMS,
  ecToken,
  hsToken,
  jwksMaterial,
  material,
  NOW,
  rsaIssuer,
  SECRET,
} from './helpers';

/** jose judges times at the tokens' own clock, not the test machine's. */
const AT_NOW = { currentDate: new Date(NOW * 1000) };

async function plan(token: string, m = material()): Promise<ProbeCase[]> {
  const result = await planProbes(bearerRequest(token), BEARER, token, m);
  if ('error' in result) throw new Error(result.error);
  return result.cases;
}

function tokenOf(cases: ProbeCase[], id: string): string {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}: ${cases.map((c) => c.id).join(' ')}`);
  return bearerOf(found.request);
}

async function rejects(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe('planProbes: every recipe, checked with real libraries', async () => {
  const rsa = await rsaIssuer();
  const cases = await plan(rsa.token, jwksMaterial(rsa.jwk));
  const verifyRs = (token: string) => compactVerify(token, rsa.publicKey, { algorithms: ['RS256'] });

  it('starts with the baseline (unchanged) and the negative control (token removed)', () => {
    expect(cases[0]?.kind).toBe('baseline');
    expect(cases[0]?.request).toEqual(bearerRequest(rsa.token));
    expect(cases[1]?.kind).toBe('negative-control');
    expect(cases[1]?.request.headers.map((h) => h.name)).toEqual(['Accept']);
    expect(cases[0]?.ruleId).toBeUndefined();
    expect(cases[1]?.ruleId).toBeUndefined();
  });

  it('plans each case with a unique id, within the per-run request limit', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.length).toBeLessThanOrEqual(MAX_PROBE_CASES);
    expect(cases.map((c) => c.id)).toEqual([
      'baseline',
      'negative-control',
      'alg-none:none',
      'alg-none:None',
      'alg-none:NONE',
      'alg-none:nOnE',
      'signature-stripped',
      'signature-corrupted',
      'claim-tampered',
      'embedded-jwk',
      'alg-confusion:pem',
      'alg-confusion:pem-no-newline',
      'alg-confusion:der',
      'alg-confusion:jwk',
      'kid-injection',
    ]);
  });

  it('the original verifies with the issuer key; every tampered token fails that check', async () => {
    expect(await rejects(verifyRs(rsa.token))).toBe('accepted');
    for (const c of cases.slice(2))
      expect(await rejects(verifyRs(bearerOf(c.request))), c.id).not.toBe('accepted');
  });

  it('alg none in four spellings, each with an empty signature segment and the payload kept', () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const token = tokenOf(cases, `alg-none:${alg}`);
      const [header, payload, signature] = token.split('.');
      expect(decodeProtectedHeader(token)).toEqual({ alg, kid: 'rsa-1', typ: 'at+jwt' });
      expect(payload).toBe(rsa.token.split('.')[1]);
      expect(signature).toBe('');
      expect(header).not.toBe(rsa.token.split('.')[0]);
    }
    expect(cases.find((c) => c.id === 'alg-none:nOnE')).toMatchObject({
      kind: 'alg-none',
      ruleId: 'probe-alg-none-accepted',
      change: 'alg set to "nOnE", signature removed',
    });
  });

  it('signature stripped keeps header and payload; corrupted changes exactly one byte', () => {
    const [h, p, s = ''] = rsa.token.split('.');
    expect(tokenOf(cases, 'signature-stripped')).toBe(`${h}.${p}.`);
    const corrupted = tokenOf(cases, 'signature-corrupted').split('.');
    expect(corrupted.slice(0, 2)).toEqual([h, p]);
    const a = Buffer.from(s, 'base64url');
    const b = Buffer.from(corrupted[2] ?? '', 'base64url');
    expect(b.length).toBe(a.length);
    expect([...a].filter((byte, i) => byte !== b[i]).length).toBe(1);
  });

  it('claim tampered: one claim changed, the original signature kept', () => {
    const token = tokenOf(cases, 'claim-tampered');
    expect(token.split('.')[2]).toBe(rsa.token.split('.')[2]);
    expect(decodeJwt(token)).toEqual({ ...CLAIMS, iat: CLAIMS.iat - 1 });
  });

  it('embedded jwk: jose EmbeddedJWK trusts it (CVE-2018-0114 behaviour), the issuer key does not', async () => {
    const token = tokenOf(cases, 'embedded-jwk');
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    expect(header.jwk?.kty).toBe('RSA');
    expect(header.kid).toBeUndefined();
    expect(header.jwk).not.toHaveProperty('d');
    const { payload } = await jwtVerify(token, EmbeddedJWK, AT_NOW);
    expect(payload).toEqual(CLAIMS);
    expect(await rejects(jwtVerify(token, rsa.publicKey, AT_NOW))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('alg confusion: HS256 keyed with the issuer key as PEM, PEM without final newline, DER and JWK JSON', async () => {
    const node = createPublicKey({ key: rsa.jwk as never, format: 'jwk' });
    const pem = node.export({ type: 'spki', format: 'pem' }) as string;
    expect(pem.endsWith('-----END PUBLIC KEY-----\n')).toBe(true);
    const josePem = await exportSPKI(rsa.publicKey);
    expect(josePem.endsWith('-----END PUBLIC KEY-----')).toBe(true);
    const secrets: Record<string, Uint8Array> = {
      'alg-confusion:pem': new TextEncoder().encode(pem),
      'alg-confusion:pem-no-newline': new TextEncoder().encode(josePem),
      'alg-confusion:der': new Uint8Array(node.export({ type: 'spki', format: 'der' })),
      'alg-confusion:jwk': new TextEncoder().encode(JSON.stringify(rsa.jwk)),
    };
    for (const [id, secret] of Object.entries(secrets)) {
      const token = tokenOf(cases, id);
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: 'rsa-1', typ: 'at+jwt' });
      const { payload } = await jwtVerify(token, secret, { ...AT_NOW, algorithms: ['HS256'] });
      expect(payload, id).toEqual(CLAIMS);
    }
    expect(
      await rejects(
        jwtVerify(tokenOf(cases, 'alg-confusion:der'), secrets['alg-confusion:pem'] as Uint8Array),
      ),
    ).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('kid injection: kid names /dev/null through traversal, MAC keyed with the empty secret', () => {
    const token = tokenOf(cases, 'kid-injection');
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'HS256', kid: '../../../../../../../dev/null', typ: 'at+jwt' });
    const [h, p, s] = token.split('.');
    expect(createHmac('sha256', Buffer.alloc(0)).update(`${h}.${p}`).digest('base64url')).toBe(s);
  });

  it('no alg confusion without a key set in the capture', async () => {
    const ids = (await plan(rsa.token)).map((c) => c.id);
    expect(ids.some((id) => id.startsWith('alg-confusion'))).toBe(false);
    expect(ids).toContain('kid-injection');
  });
});

describe('planProbes: ES tokens get the psychic signature', async () => {
  const es = await ecToken();
  const cases = await plan(es.token);

  it('64 zero bytes for ES256, header and payload kept; jose refuses it', async () => {
    const token = tokenOf(cases, 'psychic-signature');
    const [h, p, s = ''] = token.split('.');
    expect(`${h}.${p}`).toBe(es.token.split('.').slice(0, 2).join('.'));
    expect([...Buffer.from(s, 'base64url')]).toEqual(new Array(64).fill(0));
    expect(await rejects(compactVerify(token, es.publicKey))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(cases.find((c) => c.id === 'psychic-signature')?.ruleId).toBe('probe-psychic-signature-accepted');
  });

  it('the embedded key follows the token’s algorithm', () => {
    const header = decodeProtectedHeader(tokenOf(cases, 'embedded-jwk'));
    expect(header.alg).toBe('ES256');
    expect(header.jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('RS and HS tokens get none', async () => {
    const rsa = await rsaIssuer();
    expect((await plan(rsa.token)).some((c) => c.kind === 'psychic-signature')).toBe(false);
    expect((await plan(await hsToken())).some((c) => c.kind === 'psychic-signature')).toBe(false);
  });
});

describe('planProbes: re-signed cases when a weak secret was recovered', async () => {
  const token = await hsToken();
  const cases = await plan(token, material({ recoveredSecret: SECRET }));
  const verify = (id: string, options = {}) =>
    jwtVerify(tokenOf(cases, id), SECRET, { ...AT_NOW, ...options });

  it('plans expired, not yet valid, another audience and another subject, each signed with the secret', async () => {
    expect(cases.slice(-4).map((c) => [c.kind, c.ruleId])).toEqual([
      ['expired', 'probe-expired-accepted'],
      ['not-yet-valid', 'probe-nbf-ignored'],
      ['wrong-audience', 'probe-audience-ignored'],
      ['wrong-subject', undefined],
    ]);
    expect(await rejects(verify('expired'))).toBe('ERR_JWT_EXPIRED');
    expect(await rejects(verify('not-yet-valid'))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(await rejects(verify('wrong-audience', { audience: CLAIMS.aud }))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    const { payload } = await verify('wrong-subject', { audience: CLAIMS.aud });
    expect(payload).toEqual({ ...CLAIMS, sub: 'jwt-lens-probe-subject' });
  });

  it('each changes only what it says: the lifetime is kept, other claims untouched', () => {
    const expired = decodeJwt(tokenOf(cases, 'expired'));
    expect(expired).toEqual({ ...CLAIMS, exp: NOW - 3600, iat: NOW - 3600 - 900 });
    const early = decodeJwt(tokenOf(cases, 'not-yet-valid'));
    expect(early).toEqual({ ...CLAIMS, nbf: NOW + 3600, exp: NOW + 3600 + 900 });
    expect(decodeJwt(tokenOf(cases, 'wrong-audience'))).toEqual({
      ...CLAIMS,
      aud: 'https://another-audience.jwt-lens.invalid',
    });
  });

  it('nothing re-signed without a secret, nor for a token without aud an audience case', async () => {
    expect((await plan(token)).some((c) => c.kind === 'expired')).toBe(false);
    const { aud: _aud, ...noAud } = CLAIMS;
    const kinds = (await plan(await hsToken(noAud), material({ recoveredSecret: SECRET }))).map(
      (c) => c.kind,
    );
    expect(kinds).toContain('expired');
    expect(kinds).not.toContain('wrong-audience');
  });

  it('claim tampered adds a claim when the token has no iat to move', async () => {
    const { iat: _iat, ...noIat } = CLAIMS;
    const plain = await hsToken(noIat);
    const tampered = tokenOf(await plan(plain), 'claim-tampered');
    expect(decodeJwt(tampered)).toEqual({ ...noIat, jwt_lens_probe: true });
    expect(tampered.split('.')[2]).toBe(plain.split('.')[2]);
    expect(await rejects(jwtVerify(tampered, SECRET, AT_NOW))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('kid injection keeps an HS token’s own algorithm', () => {
    expect(decodeProtectedHeader(tokenOf(cases, 'kid-injection')).alg).toBe('HS256');
  });
});

describe('planProbes: tokens that cannot be probed, slots that do not hold the token', () => {
  it('refuses unsigned, encrypted, opaque and malformed tokens with a reason', async () => {
    const unsigned = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    const jwe = await new CompactEncrypt(new TextEncoder().encode('{}'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(new Uint8Array(32));
    for (const [token, why] of [
      [unsigned, 'unsigned'],
      [jwe, 'encrypted'],
      ['ya29.a0AfH6SMBx', 'not a signed JWS'],
    ] as const) {
      const result = await planProbes(bearerRequest(token), BEARER, token, material());
      expect('error' in result && result.error).toMatch(why);
    }
  });

  it('says so when the slot does not hold the token', async () => {
    const token = await hsToken();
    const result = await planProbes(
      bearerRequest(token),
      { where: 'request-cookie', name: 'session' },
      token,
      material(),
    );
    expect(result).toEqual({ error: 'the token is not in request-cookie session of the request' });
  });
});
