import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { guessPurpose } from '../../../../src/core/audit/purpose';
import { captureHar } from '../../../../src/core/capture';
import { buildLifecycle } from '../../../../src/core/lifecycle';
import { CAPTURE_RULES, CONTEXT_RULES, checkObservations } from '../../../../src/core/rules/context';
import { LIFECYCLE_RULES } from '../../../../src/core/rules/lifecycle';
import { parseToken } from '../../../../src/core/token/parse-token';
import type { CaptureHit, CaptureResult, RuleHit, Sighting, TokenRecord } from '../../../../src/core/types';
import { fakeJwt, jsonContent, makeEntry, makeHar } from '../../capture/har-builders';
import { TEST_POLICY } from './records';

/**
 * A whole synthetic session (OIDC login, API calls, a tracker, a legacy http service, an admin API that
 * takes alg:none…) captured from a HAR and judged by every context and capture rule. Tokens are signed
 * with jose using keys generated in the test.
 */
const T0 = Date.parse('2025-03-14T09:00:00Z') / 1000;
const ISS = 'https://id.example.test';
const APP = 'https://app.example.test';
const at = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();
const h = (name: string, value: string) => ({ name, value });

type Tokens = Record<
  'access' | 'id' | 'refresh' | 'access2' | 'session' | 'none' | 'expired' | 'dev',
  string
>;

async function makeTokens(): Promise<{ tokens: Tokens; jwk: object }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const rs = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' }).sign(privateKey);
  const hs = (claims: Record<string, unknown>, secret: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(secret));
  const user = { sub: 'user-1', iat: T0 };
  const tokens: Tokens = {
    access: await rs({
      iss: ISS,
      ...user,
      aud: 'https://api.example.test',
      scope: 'orders',
      exp: T0 + 3600,
      jti: 'a1',
    }),
    id: await rs({ iss: ISS, ...user, aud: 'spa', nonce: 'n1', exp: T0 + 3600 }),
    refresh: await rs({ iss: ISS, ...user, aud: ISS, jti: 'r1' }),
    access2: await rs({ iss: ISS, ...user, aud: 'https://api.example.test', exp: T0 + 7200, jti: 'a2' }),
    session: await hs({ iss: ISS, ...user, exp: T0 + 86400 }, 'session-secret-for-tests-only-0123456789'),
    none: fakeJwt(
      { iss: ISS, sub: 'admin', aud: 'https://admin.example.test', exp: T0 + 3600 },
      { alg: 'none' },
      '',
    ),
    expired: await rs({ iss: ISS, ...user, aud: 'https://api.example.test', iat: T0 - 9000, exp: T0 - 7200 }),
    dev: await hs(
      { iss: 'http://localhost:3000', sub: 'dev', aud: 'dev', exp: T0 + 600 },
      'dev-secret-for-tests-only-0123456789',
    ),
  };
  return { tokens, jwk: { ...(await exportJWK(publicKey)), kid: 'k1' } };
}

function makeSession(t: Tokens, jwk: object): unknown {
  const origin = h('Origin', APP);
  const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });
  const bearer = (token: string) => h('Authorization', `Bearer ${token}`);
  const noStore = [h('Cache-Control', 'no-store')];
  return makeHar([
    makeEntry({
      url: `${ISS}/.well-known/openid-configuration`,
      content: jsonContent({ issuer: ISS, jwks_uri: `${ISS}/jwks` }),
    }),
    makeEntry({ url: `${ISS}/jwks`, content: jsonContent({ keys: [jwk] }) }),
    makeEntry({
      method: 'POST',
      url: `${ISS}/token`,
      startedDateTime: at(10),
      requestHeaders: [origin],
      postData: form('grant_type=authorization_code&code=c1&client_secret=s3cr3t-value'),
      responseHeaders: [h('Cache-Control', 'no-cache')],
      content: jsonContent({
        access_token: t.access,
        id_token: t.id,
        refresh_token: t.refresh,
        token_type: 'Bearer',
      }),
    }),
    makeEntry({
      url: 'https://api.example.test/orders',
      startedDateTime: at(20),
      requestHeaders: [origin, bearer(t.access)],
    }),
    makeEntry({
      url: `https://collect.tracker.test/pixel?at=${t.access}`,
      startedDateTime: at(21),
      requestHeaders: [h('Referer', `${APP}/`)],
    }),
    ...[600, 1200].map((s) =>
      makeEntry({
        method: 'POST',
        url: `${ISS}/token`,
        startedDateTime: at(s),
        requestHeaders: [origin],
        postData: form(`grant_type=refresh_token&refresh_token=${t.refresh}`),
        responseHeaders: noStore,
        content: jsonContent({ access_token: t.access2 }),
      }),
    ),
    makeEntry({
      method: 'POST',
      url: `${APP}/login`,
      startedDateTime: at(5),
      postData: {
        mimeType: 'application/json',
        text: JSON.stringify({ username: 'alice', password: 'hunter22' }),
      },
      responseHeaders: [...noStore, h('Set-Cookie', `session=${t.session}; Secure; Path=/`)],
    }),
    makeEntry({
      url: `${APP}/home`,
      startedDateTime: at(30),
      requestHeaders: [h('Cookie', `session=${t.session}`)],
      requestCookies: [{ name: 'session', value: t.session, httpOnly: false, secure: true }],
    }),
    makeEntry({
      url: 'http://legacy.example.test/report',
      startedDateTime: at(40),
      requestHeaders: [bearer(t.session)],
    }),
    makeEntry({
      url: 'https://admin.example.test/users',
      startedDateTime: at(50),
      requestHeaders: [bearer(t.none)],
    }),
    makeEntry({
      url: 'https://api.example.test/orders',
      startedDateTime: at(60),
      requestHeaders: [bearer(t.expired)],
    }),
    makeEntry({ url: 'http://localhost:3000/api', startedDateTime: at(70), requestHeaders: [bearer(t.dev)] }),
    makeEntry({
      url: 'https://api.example.test/legacy',
      requestHeaders: [h('Authorization', `Basic ${btoa('alice:pw-1234')}`)],
    }),
    makeEntry({ url: `${APP}/login?user=alice&password=hunter22` }),
  ]);
}

/** Sightings grouped into records, as the auditor does. */
function toRecords(capture: CaptureResult): TokenRecord[] {
  const byText = new Map<string, Sighting[]>();
  for (const s of capture.sightings) byText.set(s.tokenText, [...(byText.get(s.tokenText) ?? []), s]);
  return [...byText].map(([text, sightings]) => {
    const token = parseToken(text);
    return { token, sightings, purpose: guessPurpose(token, sightings) };
  });
}

describe('context and capture rules over a synthetic session', () => {
  let tokens: Tokens;
  let capture: CaptureResult;
  let records: TokenRecord[];
  let labelOf: Map<string, string>;

  beforeAll(async () => {
    const made = await makeTokens();
    tokens = made.tokens;
    const result = captureHar(makeSession(made.tokens, made.jwk));
    if ('error' in result) throw new Error(result.error);
    capture = result;
    records = toRecords(capture);
    labelOf = new Map(Object.entries(tokens).map(([label, text]) => [parseToken(text).fingerprint, label]));
  });

  const line = (fingerprint: string, hit: RuleHit) =>
    `${labelOf.get(fingerprint) ?? fingerprint} ${hit.ruleId}${hit.severity ? `:${hit.severity}` : ''}`;

  function allHits(): { fingerprint: string; hit: RuleHit }[] {
    const out: { fingerprint: string; hit: RuleHit }[] = [];
    for (const record of records) {
      const ctx = { record, policy: TEST_POLICY, now: T0 + 3600 };
      for (const rule of CONTEXT_RULES)
        for (const hit of rule(ctx)) out.push({ fingerprint: record.token.fingerprint, hit });
    }
    const captureHits: CaptureHit[] = CAPTURE_RULES.flatMap((rule) => rule(records, TEST_POLICY, T0 + 3600));
    const model = buildLifecycle(records, capture.exchanges ?? [], TEST_POLICY);
    for (const rule of LIFECYCLE_RULES) captureHits.push(...rule(model, records, TEST_POLICY));
    for (const hit of captureHits) out.push({ fingerprint: hit.fingerprint, hit });
    for (const hit of checkObservations(capture.observations)) out.push({ fingerprint: 'exchange', hit });
    return out;
  }

  it('captures every token, the key documents and no problems', () => {
    expect(capture.problems).toEqual([]);
    expect(capture.entryCount).toBe(15);
    expect(new Set(capture.sightings.map((s) => s.tokenText))).toEqual(new Set(Object.values(tokens)));
    expect(capture.keyDocuments.map((d) => d.kind)).toEqual(['openid-configuration', 'jwks']);
  });

  it('reports exactly the expected findings', () => {
    const lines = allHits().map(({ fingerprint, hit }) => line(fingerprint, hit));
    expect(lines.sort()).toEqual(
      [
        'access token-response-cacheable',
        'access token-in-url',
        'access token-third-party-leak',
        'id token-response-cacheable',
        'refresh token-response-cacheable',
        'refresh refresh-token-exposed',
        'refresh refresh-token-not-rotated',
        'refresh refresh-token-reused',
        'session cookie-no-httponly',
        'session cookie-samesite-weak',
        'session cookie-no-secure:low',
        'session transport-cleartext:high',
        'session alg-confusion-indicator',
        'session aud-missing:high',
        'none alg-none-accepted',
        'expired exp-expired-accepted',
        'dev transport-cleartext:low',
        'exchange credentials-in-har',
        'exchange credentials-in-har',
        'exchange basic-auth-credentials:medium',
        'exchange credentials-in-url',
      ].sort(),
    );
  });

  it('writes specific details and never puts a whole token in details or evidence', () => {
    const hits = allHits();
    const detail = (label: string, ruleId: string) =>
      hits.find(({ fingerprint, hit }) => labelOf.get(fingerprint) === label && hit.ruleId === ruleId)?.hit
        .detail;
    expect(detail('session', 'transport-cleartext')).toBe(
      'sent over http:// to legacy.example.test in 1 request',
    );
    expect(detail('access', 'token-third-party-leak')).toBe(
      "sent to collect.tracker.test in 1 request; that site is none of the token's own (example.test)",
    );
    expect(detail('refresh', 'refresh-token-reused')).toBe(
      'the same refresh token was accepted in 2 requests (POST https://id.example.test/token → 200 first): it is not rotated on use',
    );
    expect(detail('expired', 'exp-expired-accepted')).toMatch(
      /^expired at 2025-03-14T07:00:00Z, presented 2 h 1 min later \(request time\);/,
    );
    const text = JSON.stringify(hits);
    for (const token of Object.values(tokens)) expect(text).not.toContain(token.slice(0, 60));
    for (const secret of ['hunter22', 's3cr3t-value', 'pw-1234']) expect(text).not.toContain(secret);
  });
});
