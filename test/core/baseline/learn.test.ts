import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Baseline, driftHits, parseBaseline, serializeBaseline } from '../../../src/core/baseline';
import { fakeJwt, jsonContent, makeEntry, makeHar } from '../capture/har-builders';
import { auditHar, learnFrom, readHar } from './learn-helpers';
import {
  API_AUDIENCE,
  createPersonalCapture,
  ISSUER,
  type PersonalCapture,
  SPA_AUDIENCE,
} from './personal-capture';

const DEMO = 'test/fixtures/demo.har';
const SUPANOTES = 'test/corpus/flows/supanotes-2024-07-playwright-supabase.har';

let personal: PersonalCapture;
beforeAll(async () => {
  personal = await createPersonalCapture();
});

function profile(baseline: Baseline, issuer: string, purpose: string) {
  const found = baseline.profiles.find((p) => p.issuer === issuer && p.purpose === purpose);
  if (!found) throw new Error(`no ${purpose} profile for ${issuer}`);
  return found;
}

describe('learnBaseline: what it keeps', () => {
  it('holds no token, signature or claim value but iss, aud, alg, kid, typ and host names', () => {
    const text = serializeBaseline(learnFrom(personal.har));
    expect(personal.secrets.length).toBeGreaterThan(40);
    const leaked = personal.secrets.filter((value) => text.includes(value));
    expect(leaked).toEqual([]);
    // What it may hold is there: the issuer, audiences, header values and hosts.
    for (const allowed of [ISSUER, API_AUDIENCE, SPA_AUDIENCE, 'RS256', 'HS256', 'acme-2025', 'at+jwt'])
      expect(text).toContain(`"${allowed}"`);
    expect(text).toContain('"files.acme.test"');
  });

  it('learns each profile: algorithms, key ids, typ, claims with presence and types, audiences, lifetime', () => {
    const baseline = learnFrom(personal.har);
    const access = profile(baseline, ISSUER, 'access');
    expect(access.tokens).toBe(1);
    expect(access.algorithms).toEqual({
      RS256: { firstSeen: '2025-03-14T09:00:01.000Z', lastSeen: '2025-03-14T09:00:30.000Z' },
    });
    expect(Object.keys(access.keyIds)).toEqual(['acme-2025']);
    expect(access.types).toEqual(['at+jwt']);
    expect(access.claims.email).toEqual({ presence: 'always', types: ['string'] });
    expect(access.claims.address).toEqual({ presence: 'always', types: ['object'] });
    expect(access.claims.roles).toEqual({ presence: 'always', types: ['array'] });
    expect(access.audiences).toEqual([API_AUDIENCE]);
    expect(access.lifetime).toEqual({ min: 900, median: 900, max: 900 });
    expect(access.recipientHosts).toEqual(['api.acme.test', 'files.acme.test']);
    expect(access.transports).toEqual(['https']);
    expect(access.carriers).toEqual([
      { where: 'path', name: '/*/*/*/{token}' },
      { where: 'request-body', name: '$.auth' },
      { where: 'request-header', name: 'authorization' },
      { where: 'response-body', name: '$.access_token' },
    ]);
    // Judged uses: 200 (profile), 401 invalid_token (orders), 200 (download); the server's text is not kept.
    expect(access.responses).toEqual({ uses: 3, rejectedShare: 0.3333, errorCodes: ['invalid_token'] });
    expect(profile(baseline, ISSUER, 'id').audiences).toEqual([SPA_AUDIENCE]);
    expect(profile(baseline, ISSUER, 'refresh').lifetime?.max).toBe(86_400 * 30);
  });

  it('profiles opaque tokens by place, with the cookie attributes every sighting had', () => {
    const baseline = learnFrom(personal.har);
    const session = baseline.profiles.find((p) => p.place === 'set-cookie:access_token');
    expect(session?.purpose).toBe('opaque');
    expect(session?.issuer).toBe('');
    expect(session?.carriers).toContainEqual({
      where: 'set-cookie',
      name: 'access_token',
      cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
    });
    expect(session?.recipientHosts).toEqual(['api.acme.test']);
    expect(baseline.profiles.some((p) => p.place === 'request-header:authorization')).toBe(true);
  });

  it('keeps an attribute only when every sighting had it', () => {
    const token = fakeJwt({ iss: 'https://i.test', sub: 'x', iat: 1, exp: 2 });
    const setCookie = (flags: string, seconds: number) =>
      makeEntry({
        url: 'https://app.test/login',
        startedDateTime: new Date(Date.UTC(2025, 0, 1, 0, 0, seconds)).toISOString(),
        responseHeaders: [{ name: 'Set-Cookie', value: `jwt=${token}; ${flags}` }],
      });
    const both = learnFrom(makeHar([setCookie('HttpOnly; Secure', 0), setCookie('HttpOnly; Secure', 1)]));
    const once = learnFrom(makeHar([setCookie('HttpOnly; Secure', 0), setCookie('Secure', 1)]));
    const cookieOf = (b: Baseline) => b.profiles[0]?.carriers.find((c) => c.where === 'set-cookie')?.cookie;
    expect(cookieOf(both)).toEqual({ httpOnly: true, secure: true });
    expect(cookieOf(once)).toEqual({ secure: true });
  });

  it('counts tokens issued per minute of session and the share of uses rejected', () => {
    const issued = (minute: number, n: number) =>
      makeEntry({
        method: 'POST',
        url: 'https://id.test/token',
        startedDateTime: new Date(Date.UTC(2025, 0, 1, 0, minute, n)).toISOString(),
        content: jsonContent({ access_token: fakeJwt({ iss: 'https://id.test', n: `${minute}-${n}` }) }),
      });
    const har = makeHar([issued(0, 1), issued(0, 2), issued(0, 3), issued(1, 1), issued(4, 1)]);
    const access = learnFrom(har).profiles[0];
    // Minutes 0..4: counts 3, 1, 0, 0, 1 → median 1, max 3.
    expect(access?.issuance).toEqual({ perMinuteMedian: 1, perMinuteMax: 3 });
    expect(access?.responses).toBeUndefined();
  });

  it('ignores malformed copies and keeps a claim named __proto__ as a claim', () => {
    const hostile = fakeJwt(JSON.parse('{"iss":"https://h.test","__proto__":{"x":1},"toString":"y"}'));
    const baseline = learnFrom(
      makeHar([
        makeEntry({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${hostile}` }] }),
        makeEntry({ requestHeaders: [{ name: 'X-Token', value: `${hostile.slice(0, 30)}.x` }] }),
      ]),
    );
    expect(baseline.profiles).toHaveLength(1);
    const claims = baseline.profiles[0]?.claims ?? {};
    expect(Object.keys(claims)).toEqual(['__proto__', 'iss', 'toString']);
    const text = serializeBaseline(baseline);
    const parsed = parseBaseline(text, 'b.json');
    expect('baseline' in parsed && serializeBaseline(parsed.baseline)).toBe(text);
  });

  it('learns controls: the compliance status of every control when learned', () => {
    const controls = learnFrom(readHar(DEMO)).controls ?? {};
    expect(controls['asvs/v5.0.0-9.1.1']).toBe('fail');
    expect(Object.values(controls)).not.toContain('out-of-scope');
  });
});

describe('serializeBaseline', () => {
  it('is byte-identical when learned twice from the same input', () => {
    for (const path of [DEMO, SUPANOTES]) {
      const a = serializeBaseline(learnFrom(readHar(path), path));
      const b = serializeBaseline(learnFrom(readHar(path), path));
      expect(b).toBe(a);
    }
    const a = serializeBaseline(learnFrom(personal.har));
    expect(serializeBaseline(learnFrom(structuredClone(personal.har)))).toBe(a);
  });

  it('writes one fact per line, in a stable order, and reads back to the same bytes', () => {
    const text = serializeBaseline(learnFrom(readHar(DEMO), DEMO));
    const lines = text.split('\n');
    expect(lines.every((line) => line.length <= 120)).toBe(true);
    expect(lines).toContain('      "types": ["JWT", "at+jwt"],');
    expect(lines).toContain('        "exp": { "presence": "always", "types": ["number"] },');
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = parseBaseline(text, 'b.json');
    if (!('baseline' in parsed)) throw new Error(parsed.error);
    expect(serializeBaseline(parsed.baseline)).toBe(text);
  });

  it('puts a hand-edited file back in order: fields, lists and maps sorted', () => {
    const learned = learnFrom(personal.har);
    const shuffled = structuredClone(learned);
    shuffled.profiles.reverse();
    for (const p of shuffled.profiles) {
      p.recipientHosts.reverse();
      p.carriers.reverse();
      p.claims = Object.fromEntries(Object.entries(p.claims).reverse());
    }
    expect(serializeBaseline(shuffled)).toBe(serializeBaseline(learned));
  });
});

describe('learnBaseline with a prior baseline (--update)', () => {
  const entry = (at: string, claims: Record<string, unknown>, header: Record<string, unknown>) =>
    makeEntry({
      url: 'https://api.test/v1/items',
      startedDateTime: at,
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${fakeJwt(claims, header)}` }],
    });
  const claims = { iss: 'https://id.test', sub: 'u', scope: 'x', iat: 100, exp: 1000 };
  const first = makeHar([entry('2025-01-01T00:00:00.000Z', claims, { alg: 'RS256', kid: 'k1' })]);
  const second = makeHar([
    entry('2025-02-01T00:00:00.000Z', { ...claims, email: 'e', exp: 4000 }, { alg: 'RS256', kid: 'k2' }),
  ]);

  it('merges: first-seen dates kept, key ids added, claims and ranges widened, inputs joined', () => {
    const prior = learnFrom(first, 'january.har');
    const merged = learnFrom(second, 'february.har', prior);
    const p = merged.profiles[0];
    expect(merged.profiles).toHaveLength(1);
    expect(p?.tokens).toBe(2);
    expect(p?.algorithms.RS256).toEqual({
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: '2025-02-01T00:00:00.000Z',
    });
    expect(p?.keyIds).toEqual({
      k1: { firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-01T00:00:00.000Z' },
      k2: { firstSeen: '2025-02-01T00:00:00.000Z', lastSeen: '2025-02-01T00:00:00.000Z' },
    });
    expect(p?.claims.email).toEqual({ presence: 'sometimes', types: ['string'] });
    expect(p?.claims.sub).toEqual({ presence: 'always', types: ['string'] });
    expect(p?.lifetime).toEqual({ min: 900, median: 3900, max: 3900 });
    expect(merged.learnedFrom.inputs).toEqual(['january.har', 'february.har']);
    expect(merged.learnedFrom.timeRange).toEqual({
      start: '2025-01-01T00:00:00.000Z',
      end: '2025-02-01T00:00:00.000Z',
    });
  });

  it('keeps hand edits that loosen the baseline, and adds new profiles', () => {
    const prior = learnFrom(first, 'january.har');
    const edited = structuredClone(prior);
    const p = edited.profiles[0];
    if (!p?.lifetime) throw new Error('no lifetime');
    p.lifetime.max = 7200;
    p.claims.scope = { presence: 'sometimes', types: ['string'] };
    const other = makeHar([
      entry('2025-02-01T00:00:00.000Z', { ...claims, iss: 'https://other.test' }, { alg: 'ES256' }),
    ]);
    const merged = learnFrom(other, 'other.har', edited);
    const kept = merged.profiles.find((x) => x.issuer === 'https://id.test');
    expect(kept?.lifetime?.max).toBe(7200);
    expect(kept?.claims.scope?.presence).toBe('sometimes');
    expect(merged.profiles.map((x) => x.issuer)).toEqual(['https://id.test', 'https://other.test']);
  });

  it('learning a capture already learned adds nothing: the counts never claim it twice', () => {
    const prior = learnFrom(second, 'february.har', learnFrom(first, 'january.har'));
    expect(prior.learnedFrom.captures).toHaveLength(2);
    for (const name of ['january.har', 'copy-of-january.har']) {
      const again = learnFrom(first, name, prior);
      expect(serializeBaseline(again)).toBe(serializeBaseline(prior));
    }
    expect(prior.learnedFrom.tokens).toBe(2);
    expect(prior.profiles[0]?.tokens).toBe(2);
  });

  it('a new recording of the same flow (other tokens) is new evidence and is counted', () => {
    const prior = learnFrom(first, 'e2e.har');
    const rerun = makeHar([
      entry('2025-01-01T00:00:00.000Z', { ...claims, sub: 'someone-else' }, { alg: 'RS256', kid: 'k1' }),
    ]);
    const merged = learnFrom(rerun, 'e2e.har', prior);
    expect(merged.learnedFrom.tokens).toBe(2);
    expect(merged.learnedFrom.captures).toHaveLength(2);
  });

  it('merged twice from the same files gives the same bytes', () => {
    const a = serializeBaseline(learnFrom(second, 'february.har', learnFrom(first, 'january.har')));
    const b = serializeBaseline(learnFrom(second, 'february.har', learnFrom(first, 'january.har')));
    expect(b).toBe(a);
  });
});

it('auditHar audits afresh each time', () => {
  expect(auditHar(readHar(DEMO)).tokens.length).toBeGreaterThan(5);
});

describe('learnBaseline on hostile tokens (property)', () => {
  const header = fc.record(
    {
      alg: fc.oneof(fc.string(), fc.jsonValue()),
      kid: fc.oneof(fc.string(), fc.jsonValue(), fc.string({ minLength: 250, maxLength: 270 })),
      typ: fc.string(),
    },
    { requiredKeys: [] },
  );
  const claims = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 });
  const where = fc.constantFrom('header', 'cookie', 'query', 'path', 'body');
  const sighting = fc.record({ header, claims, where, minute: fc.nat(90) });

  function entryFor(s: { header: object; claims: object; where: string; minute: number }) {
    const token = fakeJwt(s.claims as Record<string, unknown>, s.header as Record<string, unknown>);
    const startedDateTime = new Date(Date.UTC(2025, 0, 1, 0, s.minute)).toISOString();
    const url = 'https://api.test/v1/items';
    if (s.where === 'cookie')
      return makeEntry({
        url,
        startedDateTime,
        responseHeaders: [{ name: 'Set-Cookie', value: `t=${token}; Secure` }],
      });
    if (s.where === 'query') return makeEntry({ url: `${url}?access_token=${token}`, startedDateTime });
    if (s.where === 'path') return makeEntry({ url: `${url}/${token}`, startedDateTime });
    if (s.where === 'body')
      return makeEntry({ url, startedDateTime, content: jsonContent({ id_token: token }) });
    return makeEntry({
      url,
      startedDateTime,
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
    });
  }

  it('never throws, and what it learns is a valid file that reads back to the same bytes', () => {
    fc.assert(
      fc.property(fc.array(sighting, { minLength: 1, maxLength: 6 }), (sightings) => {
        const text = serializeBaseline(learnFrom(makeHar(sightings.map(entryFor))));
        const parsed = parseBaseline(text, 'b.json');
        if ('error' in parsed) throw new Error(parsed.error);
        expect(serializeBaseline(parsed.baseline)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('learned from a capture, as a file read back, finds no drift in that same capture', () => {
    fc.assert(
      fc.property(fc.array(sighting, { minLength: 1, maxLength: 6 }), (sightings) => {
        const har = makeHar(sightings.map(entryFor));
        const parsed = parseBaseline(serializeBaseline(learnFrom(har)), 'b.json');
        if ('error' in parsed) throw new Error(parsed.error);
        const result = auditHar(har);
        expect(driftHits(result, parsed.baseline, result.policy)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
