import { describe, expect, it } from 'vitest';
import { buildLifecycle } from '../../../../src/core/lifecycle';
import type { LifecycleRule } from '../../../../src/core/lifecycle/types';
import { checkAlgNoneAccepted } from '../../../../src/core/rules/lifecycle/alg-none-accepted';
import { checkExpExpiredAccepted } from '../../../../src/core/rules/lifecycle/exp-expired-accepted';
import type { TokenRecord } from '../../../../src/core/types';
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
