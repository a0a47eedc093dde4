import { describe, expect, it } from 'vitest';
import type { ServerVerdict } from '../../../../src/core/lifecycle/types';
import { checkValidationInconsistent } from '../../../../src/core/rules/lifecycle/validation-inconsistent';
import { logout, model, presented, record, T0, TEST_POLICY, token, UNAUTHORIZED } from './models';

const A = 'https://api.example.test/orders/list';
const B = 'https://reports.example.test/v2/summary';
const ISS = 'https://op.example.test';

/** A valid token accepted by A (so A is known to check tokens), and an expired one used at both services. */
function expiredAtBoth(verdictAtA: ServerVerdict, verdictAtB: ServerVerdict) {
  const fresh = record(token({ iss: ISS, exp: T0 + 3600 }), []);
  const expired = record(token({ iss: ISS, exp: T0 - 3600 }), []);
  const uses = [
    ...presented(fresh, [0], undefined, A),
    ...presented(expired, [10], verdictAtA, A),
    ...presented(expired, [20], verdictAtB, B),
  ];
  return { records: [fresh, expired], m: model({ uses }), expired };
}

describe('validation-inconsistent', () => {
  it('fires when one service refuses an expired token and another accepts one', () => {
    const { records, m, expired } = expiredAtBoth(UNAUTHORIZED, { verdict: 'accepted', reason: 'HTTP 200' });
    const hits = checkValidationInconsistent(m, records, TEST_POLICY);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      ruleId: 'validation-inconsistent',
      fingerprint: expired.token.fingerprint,
    });
    expect(hits[0]?.detail).toMatch(
      /^expired tokens of issuer https:\/\/op\.example\.test are treated differently: api\.example\.test\/orders refused one .*HTTP 401 invalid_token.* while reports\.example\.test\/v2 accepted this one/,
    );
  });

  it('is silent when both services refuse it (consistent)', () => {
    const { records, m } = expiredAtBoth(UNAUTHORIZED, UNAUTHORIZED);
    expect(checkValidationInconsistent(m, records, TEST_POLICY)).toEqual([]);
  });

  it('does not take a 403 for missing scope, a bare 403, a 404 or a 5xx as a refusal', () => {
    const refusals: ServerVerdict[] = [
      { verdict: 'rejected', reason: 'HTTP 403 insufficient_scope', error: 'insufficient_scope' },
      { verdict: 'rejected', reason: 'HTTP 403' },
      { verdict: 'unknown', reason: 'HTTP 404' },
      { verdict: 'unknown', reason: 'HTTP 503' },
    ];
    for (const verdict of refusals) {
      const { records, m } = expiredAtBoth(verdict, { verdict: 'accepted', reason: 'HTTP 200' });
      expect(checkValidationInconsistent(m, records, TEST_POLICY), verdict.reason).toEqual([]);
    }
  });

  it('needs the refusing service to accept valid tokens of the issuer (its refusal is about the state)', () => {
    const expired = record(token({ iss: ISS, exp: T0 - 3600 }), []);
    const uses = [...presented(expired, [10], UNAUTHORIZED, A), ...presented(expired, [20], undefined, B)];
    expect(checkValidationInconsistent(model({ uses }), [expired], TEST_POLICY)).toEqual([]);
  });

  it('ignores a cookie that rode along to a static file', () => {
    const { records, m } = expiredAtBoth(UNAUTHORIZED, { verdict: 'accepted', reason: 'HTTP 200' });
    const expired = records[1];
    const sighting = expired?.sightings.find((s) => s.url === B);
    if (sighting)
      Object.assign(sighting, { where: 'request-cookie', url: 'https://reports.example.test/v2/app.js' });
    expect(checkValidationInconsistent(m, records, TEST_POLICY)).toEqual([]);
  });

  it('compares unsigned, revoked and bad-signature tokens the same way', () => {
    const fresh = record(token({ iss: ISS, exp: T0 + 3600 }), []);
    const unsigned = record(token({ iss: ISS, exp: T0 + 3600 }, { alg: 'none' }, 'unsecured'), []);
    const revoked = record(token({ iss: ISS, exp: T0 + 3600 }), []);
    const forged = record(token({ iss: ISS, exp: T0 + 3600 }), []);
    const uses = [
      ...presented(fresh, [0], undefined, A),
      ...presented(unsigned, [10], UNAUTHORIZED, A),
      ...presented(unsigned, [11], undefined, B),
      ...presented(revoked, [400], UNAUTHORIZED, A),
      ...presented(revoked, [401], undefined, B),
      ...presented(forged, [10], UNAUTHORIZED, A),
      ...presented(forged, [11], undefined, B),
    ];
    const m = model({ uses, events: [logout(300, [revoked])] });
    const records = [fresh, unsigned, revoked, forged];
    const signatures = { invalid: new Set([forged.token.fingerprint]) };
    const details = checkValidationInconsistent(m, records, TEST_POLICY, signatures).map(
      (h) => h.detail.split(' tokens')[0],
    );
    expect(details.sort()).toEqual(['bad signature', 'revoked', 'unsigned']);
    expect(
      checkValidationInconsistent(m, records, TEST_POLICY)
        .map((h) => h.detail.split(' tokens')[0])
        .sort(),
    ).toEqual(['revoked', 'unsigned']);
  });
});
