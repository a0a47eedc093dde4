/**
 * The whole core loop against in-process verifiers built on jose, each flawed in one way (and one sound):
 * plan the cases, answer each like a server would, read the shapes, judge, assess. Nothing is sent: the
 * CLI's tests do the same over HTTP against the demo app.
 */
import { createHmac, createPublicKey, timingSafeEqual } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, EmbeddedJWK, type JWTVerifyOptions, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  assessProbeRun,
  judgeProbe,
  type ProbeOutcome,
  type ProbeRequest,
  type ProbeRun,
  planProbes,
  type ResponseShape,
  shapeOf,
} from '../../../src/core/probe';
import {
  BEARER,
  bearerOf,
  bearerRequest,
  CLAIMS,
  ecToken,
  hsToken,
  ISSUER,
  jwksMaterial,
  material,
  NOW,
  rsaIssuer,
  SECRET,
} from './helpers';

type Verify = (token: string) => Promise<unknown>;
interface Answer {
  status: number;
  headers: { name: string; value: string }[];
  body: string;
}

const AT_NOW = { currentDate: new Date(NOW * 1000) };
const PINNED: JWTVerifyOptions = { ...AT_NOW, issuer: ISSUER, audience: CLAIMS.aud };
const JSON_TYPE = [{ name: 'Content-Type', value: 'application/json' }];
const ORDERS = JSON.stringify({
  orders: [
    { id: 1, total: 12.5 },
    { id: 2, total: 99 },
  ],
  page: 2,
  total: 2,
});
const LOGIN = `<html><body><h1>Sign in</h1><form action="/login">${'<input>'.repeat(40)}</form></body></html>`;

/** An API that answers 200 JSON when `verify` passes, else a 401 JSON error (or what `refuse` says). */
function api(
  verify: Verify,
  refuse = (): Answer => ({
    status: 401,
    headers: JSON_TYPE,
    body: '{"error":"invalid_token","error_description":"no"}',
  }),
) {
  return async (request: ProbeRequest): Promise<Answer> => {
    const token = bearerOf(request);
    if (!token) return refuse();
    try {
      await verify(token);
      return { status: 200, headers: JSON_TYPE, body: ORDERS };
    } catch {
      return refuse();
    }
  };
}

async function probe(
  token: string,
  m: Parameters<typeof planProbes>[3],
  server: (r: ProbeRequest) => Promise<Answer>,
) {
  const plan = await planProbes(bearerRequest(token), BEARER, token, m);
  if ('error' in plan) throw new Error(plan.error);
  const shapes: ResponseShape[] = [];
  for (const c of plan.cases) {
    const a = await server(c.request);
    shapes.push(shapeOf(a.status, a.headers, a.body));
  }
  const [b, n] = shapes;
  if (!b || !n) throw new Error('no baseline');
  const outcome = (i: number): ProbeOutcome => {
    const c = plan.cases[i];
    const shape = shapes[i];
    if (!c || !shape) throw new Error('missing case');
    return {
      caseId: c.id,
      kind: c.kind,
      change: c.change,
      ...(c.ruleId ? { ruleId: c.ruleId } : {}),
      shape,
      verdict: judgeProbe(b, n, shape),
    };
  };
  const run: ProbeRun = {
    entry: 0,
    method: 'GET',
    url: bearerRequest(token).url,
    fingerprint: '0123456789abcdef',
    slot: BEARER,
    startedAt: '2025-03-14T09:30:00.000Z',
    baseline: outcome(0),
    negativeControl: outcome(1),
    outcomes: plan.cases.slice(2).map((_, i) => outcome(i + 2)),
  };
  return { run, ...assessProbeRun(run) };
}

const ruleIds = (hits: { ruleId: string }[]) => hits.map((h) => h.ruleId).sort();

describe('the probe against verifiers built on jose', async () => {
  const rsa = await rsaIssuer();
  const m = jwksMaterial(rsa.jwk);
  const pem = createPublicKey({ key: rsa.jwk as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  }) as string;
  const sound: Verify = (t) => jwtVerify(t, rsa.publicKey, { ...PINNED, algorithms: ['RS256'] });

  it('a sound verifier (pinned algorithm, issuer, audience): no finding, every rule it could test passes', async () => {
    const { hits, passedRuleIds, run } = await probe(rsa.token, m, api(sound));
    expect(hits).toEqual([]);
    expect(run.outcomes.every((o) => o.verdict === 'rejected')).toBe(true);
    expect(passedRuleIds.sort()).toEqual([
      'probe-alg-confusion-accepted',
      'probe-alg-none-accepted',
      'probe-embedded-jwk-trusted',
      'probe-kid-injection-accepted',
      'probe-signature-not-verified',
    ]);
  });

  it('a sound verifier that answers refusals with its 200 HTML login page: still no finding', async () => {
    const page = (): Answer => ({
      status: 200,
      headers: [{ name: 'Content-Type', value: 'text/html' }],
      body: LOGIN,
    });
    expect((await probe(rsa.token, m, api(sound, page))).hits).toEqual([]);
    const redirect = (): Answer => ({
      status: 302,
      headers: [{ name: 'Location', value: '/login?next=%2Forders' }],
      body: '',
    });
    expect((await probe(rsa.token, m, api(sound, redirect))).hits).toEqual([]);
  });

  it('no verification at all (jose decodeJwt): one finding, the forgeries folded into it', async () => {
    const { hits } = await probe(
      rsa.token,
      m,
      api(async (t) => decodeJwt(t)),
    );
    expect(ruleIds(hits)).toEqual(['probe-signature-not-verified']);
    expect(hits[0]?.detail).toMatch(/alg-none:none.*embedded-jwk.*kid-injection/);
  });

  it('alg none honoured in any case: probe-alg-none-accepted only', async () => {
    const verify: Verify = async (t) => {
      const { alg } = decodeProtectedHeader(t);
      if (String(alg).toLowerCase() === 'none' && t.endsWith('.')) return decodeJwt(t);
      return sound(t);
    };
    expect(ruleIds((await probe(rsa.token, m, api(verify))).hits)).toEqual(['probe-alg-none-accepted']);
  });

  it('the key taken from the token (jose EmbeddedJWK): probe-embedded-jwk-trusted only', async () => {
    // The embedded key when the token carries one, the issuer's otherwise.
    const verify: Verify = (t) =>
      decodeProtectedHeader(t).jwk
        ? jwtVerify(t, EmbeddedJWK, { ...PINNED, algorithms: ['RS256', 'ES256'] })
        : sound(t);
    expect(ruleIds((await probe(rsa.token, m, api(verify))).hits)).toEqual(['probe-embedded-jwk-trusted']);
  });

  it('the algorithm taken from the header, the public key PEM as HMAC secret (CVE-2016-10555)', async () => {
    const verify: Verify = (t) =>
      decodeProtectedHeader(t).alg === 'HS256'
        ? jwtVerify(t, new TextEncoder().encode(pem), { ...PINNED, algorithms: ['HS256'] })
        : sound(t);
    expect(ruleIds((await probe(rsa.token, m, api(verify))).hits)).toEqual(['probe-alg-confusion-accepted']);
  });

  it('the HMAC key read from the file the kid names: probe-kid-injection-accepted only', async () => {
    const verify: Verify = async (t) => {
      const { kid, alg } = decodeProtectedHeader(t);
      if (alg !== 'HS256' || !String(kid).endsWith('/dev/null')) return sound(t);
      const [h, p, s = ''] = t.split('.');
      const mac = createHmac('sha256', Buffer.alloc(0)).update(`${h}.${p}`).digest();
      if (!timingSafeEqual(mac, Buffer.from(s, 'base64url'))) throw new Error('bad mac');
      return decodeJwt(t);
    };
    expect(ruleIds((await probe(rsa.token, m, api(verify))).hits)).toEqual(['probe-kid-injection-accepted']);
  });

  it('an ECDSA check that takes r = s = 0 (Java 15–18, emulated): probe-psychic-signature-accepted only', async () => {
    const es = await ecToken();
    const verify: Verify = async (t) => {
      const signature = Buffer.from(t.split('.')[2] ?? '', 'base64url');
      if (signature.length === 64 && signature.every((b) => b === 0)) return decodeJwt(t);
      return jwtVerify(t, es.publicKey, { ...PINNED, algorithms: ['ES256'] });
    };
    expect(ruleIds((await probe(es.token, material(), api(verify))).hits)).toEqual([
      'probe-psychic-signature-accepted',
    ]);
  });

  it('with the weak secret recovered: a huge clock tolerance and no audience check each show', async () => {
    const token = await hsToken();
    const m2 = material({ recoveredSecret: SECRET });
    const strict: Verify = (t) => jwtVerify(t, SECRET, { ...PINNED, algorithms: ['HS256'] });
    const sound2 = await probe(token, m2, api(strict));
    expect(sound2.hits).toEqual([]);
    expect(sound2.passedRuleIds).toEqual(
      expect.arrayContaining(['probe-expired-accepted', 'probe-nbf-ignored', 'probe-audience-ignored']),
    );
    const lax: Verify = (t) =>
      jwtVerify(t, SECRET, { ...AT_NOW, algorithms: ['HS256'], clockTolerance: '2 days' });
    expect(ruleIds((await probe(token, m2, api(lax))).hits)).toEqual([
      'probe-audience-ignored',
      'probe-expired-accepted',
      'probe-nbf-ignored',
    ]);
  });
});
