import { describe, expect, it } from 'vitest';
import { buildLifecycle } from '../../../../src/core/lifecycle';
import type { LifecycleRule } from '../../../../src/core/lifecycle/types';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { checkAlgNoneAccepted } from '../../../../src/core/rules/lifecycle/alg-none-accepted';
import { checkExpExpiredAccepted } from '../../../../src/core/rules/lifecycle/exp-expired-accepted';
import type { TokenRecord } from '../../../../src/core/types';
import type { EntryOptions } from '../../capture/har-builders';
import { API, at, bearer, h, jwt, modelOf, tokenResponse } from '../../lifecycle/lifecycle-flow';
import { record, sighting, TEST_POLICY, token } from '../context/records';

const T0 = Date.parse('2025-03-14T09:00:00Z') / 1000;

/** A lifecycle rule over the model of hand-built records (no exchanges: verdicts from the statuses). */
function run(rule: LifecycleRule, records: TokenRecord[], policy = TEST_POLICY) {
  return rule(buildLifecycle(records, [], policy), records, policy);
}

describe('alg-none-accepted', () => {
  it('fires critical-by-catalog when an alg:none token got a 2xx', () => {
    const t = token({ sub: 'admin' }, { alg: 'none' }, 'unsecured');
    const s = sighting({ url: 'https://admin.example.test/users?page=2' });
    const [hit] = run(checkAlgNoneAccepted, [record(t, [s])]);
    expect(hit).toMatchObject({
      ruleId: 'alg-none-accepted',
      fingerprint: t.fingerprint,
      sightingIds: [s.id],
    });
    expect(hit?.detail).toBe(
      'unsigned (alg: none) token; 1 request presenting it got a 2xx answer (GET https://admin.example.test/users?page=… → 200), which suggests the server accepted it',
    );
  });

  it('also recognises alg "NONE" on a jws', () => {
    const t = token({}, { alg: 'NONE' }, 'jws');
    expect(run(checkAlgNoneAccepted, [record(t, [sighting()])])).toHaveLength(1);
  });

  it('does not fire on 401, on a Referer-only sighting, or for signed or malformed tokens', () => {
    const none = token({}, { alg: 'none' }, 'unsecured');
    const records = [
      record(none, [
        sighting({ status: 401 }),
        sighting({ name: 'Referer' }),
        sighting({ where: 'response-body' }),
      ]),
      record(token({}, { alg: 'HS256' }), [sighting()]),
      record(token(undefined, { alg: 'none' }, 'malformed'), [sighting()]),
    ];
    expect(run(checkAlgNoneAccepted, records)).toEqual([]);
  });
});

describe('exp-expired-accepted', () => {
  it('fires when exp had passed at the request time and the answer was 2xx', () => {
    const t = token({ exp: T0 - 3 * 3600 });
    const [hit] = run(checkExpExpiredAccepted, [record(t, [sighting()])]);
    expect(hit?.ruleId).toBe('exp-expired-accepted');
    expect(hit?.detail).toMatch(
      /^expired at 2025-03-14T06:00:00Z, presented 3 h later \(request time\); 1 request presenting it/,
    );
    expect(hit?.evidence?.at(-1)).toEqual({ label: 'clock', value: 'request time' });
  });

  it('forgives a minute of clock skew and ignores rejected requests', () => {
    const records = [
      record(token({ exp: T0 - 30 }), [sighting()]),
      record(token({ exp: T0 - 3600 }), [sighting({ status: 401 })]),
      record(token({ exp: T0 + 60 }), [sighting()]),
      record(token({ exp: 'soon' }), [sighting()]),
      record(token({ exp: T0 - 3600 }, { alg: 'RS256' }, 'malformed'), [sighting()]),
      record(token({ exp: T0 - 3600 }), [sighting({ startedAt: '' })]),
    ];
    expect(run(checkExpExpiredAccepted, records)).toEqual([]);
  });

  it("judges a nested JWT by its inner token's exp", () => {
    const outer = (exp: number) => {
      const t = token({}, { alg: 'RS256', cty: 'JWT' });
      delete t.claims; // the payload is the inner token
      t.nested = token({ exp }, { alg: 'RS256' });
      return t;
    };
    const [hit] = run(checkExpExpiredAccepted, [record(outer(T0 - 3600), [sighting()])]);
    expect(hit?.detail).toMatch(
      /^expired at 2025-03-14T08:00:00Z \(nested token: exp\), presented 1 h later/,
    );
    expect(run(checkExpExpiredAccepted, [record(outer(T0 + 600), [sighting()])])).toEqual([]);
  });

  it('survives absurd exp values', () => {
    const [hit] = run(checkExpExpiredAccepted, [record(token({ exp: -1e300 }), [sighting()])]);
    expect(hit?.detail).toContain('exp -1e+300');
  });
});

describe('the accepted escalations read the lifecycle model (captured HARs)', () => {
  const expired = jwt('x', -7200, 3600); // expired at T0 - 3600
  const use = (seconds: number, token: string, over: EntryOptions = {}): EntryOptions => ({
    url: `${API}/v1/orders`,
    startedDateTime: at(seconds),
    requestHeaders: [bearer(token)],
    ...over,
  });
  const ids = (entries: EntryOptions[], policy = DEFAULT_POLICY) =>
    modelOf(entries, policy).result.findings.map((f) => f.ruleId);

  it('takes a redirect elsewhere than a login page for acceptance, a redirect to the login page not', () => {
    const home = use(0, expired, { status: 302, responseHeaders: [h('Location', '/dashboard')] });
    const login = use(0, expired, { status: 302, responseHeaders: [h('Location', '/login?next=%2F')] });
    const { result } = modelOf([home]);
    const finding = result.findings.find((f) => f.ruleId === 'exp-expired-accepted');
    expect(finding?.detail).toMatch(
      /presented 1 h later \(request time\); 1 request presenting it got an answer that accepted it \(2xx, or a redirect elsewhere than a login page\) \(GET https:\/\/api\.example\.test\/v1\/orders → 302\)/,
    );
    expect(ids([login])).not.toContain('exp-expired-accepted');
  });

  it('does not count answers from a cache, CORS preflights or 401s as acceptance', () => {
    const entries = [
      use(0, expired, { status: 304 }),
      use(1, expired, {
        method: 'OPTIONS',
        requestHeaders: [bearer(expired), h('Access-Control-Request-Method', 'GET')],
      }),
      use(2, expired, {
        status: 401,
        responseHeaders: [h('WWW-Authenticate', 'Bearer error="invalid_token"')],
      }),
    ];
    expect(ids(entries)).not.toContain('exp-expired-accepted');
  });

  it('allows the policy clock skew', () => {
    const late = jwt('late', -100, 70); // expired 30 s before the request
    expect(ids([use(0, late)])).not.toContain('exp-expired-accepted');
    expect(ids([use(0, late)], { ...DEFAULT_POLICY, clockSkewSeconds: 10 })).toContain(
      'exp-expired-accepted',
    );
  });

  it('expires an opaque access token expires_in after its token response, if it has no exp of its own', () => {
    const opaque = 'at-Zx8Qp2Lm4Nv6Bc0Df3Gh7';
    const issued = tokenResponse(0, 'grant_type=client_credentials', {
      access_token: opaque,
      expires_in: 300,
    });
    const { result } = modelOf([issued, use(600, opaque)]);
    const finding = result.findings.find((f) => f.ruleId === 'exp-expired-accepted');
    expect(finding?.detail).toMatch(
      /^expired at 2025-03-14T09:05:00Z \(expires_in of its token response \(f1\)\), presented 5 min later/,
    );
    expect(ids([issued, use(200, opaque)])).not.toContain('exp-expired-accepted');
    const withExp = jwt('own', 0, 3600);
    const jwtIssued = tokenResponse(0, 'grant_type=client_credentials', {
      access_token: withExp,
      expires_in: 300,
    });
    expect(ids([jwtIssued, use(600, withExp)])).not.toContain('exp-expired-accepted');
  });

  it('counts from the latest issue of an opaque token handed out again, and not at all if one issue had no expires_in', () => {
    const opaque = 'at-Zx8Qp2Lm4Nv6Bc0Df3Gh7';
    const issue = (seconds: number, issued: Record<string, unknown>) =>
      tokenResponse(seconds, 'grant_type=refresh_token&refresh_token=rt-Qw3Er5Ty7Ui9Op1As2', issued);
    const again = [
      issue(0, { access_token: opaque, expires_in: 300 }),
      issue(250, { access_token: opaque, expires_in: 300 }),
    ];
    expect(ids([...again, use(500, opaque)])).not.toContain('exp-expired-accepted');
    expect(ids([...again, use(700, opaque)])).toContain('exp-expired-accepted');
    const unknown = [
      issue(0, { access_token: opaque, expires_in: 300 }),
      issue(250, { access_token: opaque }),
    ];
    expect(ids([...unknown, use(700, opaque)])).not.toContain('exp-expired-accepted');
  });
});

describe('alg-none-accepted on every layer', () => {
  it('fires for an unsigned inner token of a nested JWT, and not for a signed one', () => {
    const nested = (innerAlg: string) => {
      const t = token({}, { alg: 'RS256', cty: 'JWT' });
      delete t.claims;
      t.nested = token({ sub: 'admin' }, { alg: innerAlg }, innerAlg === 'none' ? 'unsecured' : 'jws');
      return t;
    };
    const [hit] = run(checkAlgNoneAccepted, [record(nested('none'), [sighting()])]);
    expect(hit?.detail).toMatch(
      /^Nested token: unsigned \(alg: none\) inner token; 1 request presenting it got a 2xx answer/,
    );
    expect(run(checkAlgNoneAccepted, [record(nested('ES256'), [sighting()])])).toEqual([]);
  });
});
