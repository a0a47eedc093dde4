import { describe, expect, it } from 'vitest';
import { checkNbfFutureAccepted } from '../../../../src/core/rules/lifecycle/nbf-future-accepted';
import { checkSigInvalidAccepted } from '../../../../src/core/rules/lifecycle/sig-invalid-accepted';
import { checkTokenAcceptedAfterLogout } from '../../../../src/core/rules/lifecycle/token-accepted-after-logout';
import { at, family, logout, model, presented, record, T0, TEST_POLICY, token, UNAUTHORIZED } from './models';

describe('token-accepted-after-logout', () => {
  function session() {
    const access = record(token({ iss: 'https://op.example.test', exp: T0 + 3600 }), []);
    const id = record(token({ iss: 'https://op.example.test', nonce: 'n' }), [], 'id');
    return {
      access,
      id,
      families: [
        family('f1', [
          [access, 'access'],
          [id, 'id'],
        ]),
      ],
    };
  }

  it('fires when a covered token is accepted after a successful logout, naming the request and times', () => {
    const { access, id, families } = session();
    const uses = [...presented(access, [10]), ...presented(access, [400])];
    const m = model({ uses, families, events: [logout(300, [access, id])] });
    const hits = checkTokenAcceptedAfterLogout(m, [access, id], TEST_POLICY);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      ruleId: 'token-accepted-after-logout',
      fingerprint: access.token.fingerprint,
    });
    expect(hits[0]?.detail).toContain(
      `logout (RP-initiated logout (id_token_hint), request logout-300 at ${at(300)})`,
    );
    expect(hits[0]?.detail).toContain('1 min 40 s after it');
    expect(hits[0]?.detail).toContain('accepted (HTTP 200)');
    expect(hits[0]?.sightingIds).toEqual([uses[1]?.sightingId]);
  });

  it('is silent when the server rejects the token after the logout (the healthy case)', () => {
    const { access, id, families } = session();
    const uses = [...presented(access, [10]), ...presented(access, [400], UNAUTHORIZED)];
    const m = model({ uses, families, events: [logout(300, [access, id])] });
    expect(checkTokenAcceptedAfterLogout(m, [access, id], TEST_POLICY)).toEqual([]);
  });

  it('is silent for a failed logout, a token it does not cover, and a request within the skew', () => {
    const { access, id, families } = session();
    const other = record(token({ iss: 'https://op.example.test' }), []);
    const uses = [...presented(access, [330]), ...presented(other, [900])];
    const events = [logout(300, [access, id]), logout(600, [access], { succeeded: false })];
    const m = model({ uses, families, events });
    expect(checkTokenAcceptedAfterLogout(m, [access, id, other], TEST_POLICY)).toEqual([]);
  });

  it('does not count the logout request itself as a later use', () => {
    const { access, id, families } = session();
    const uses = presented(id, [400]);
    const event = logout(300, [access, id], { requestId: uses[0]?.requestId ?? '' });
    expect(
      checkTokenAcceptedAfterLogout(model({ uses, families, events: [event] }), [access, id], TEST_POLICY),
    ).toEqual([]);
  });
});

describe('nbf-future-accepted', () => {
  it('fires when a token issued for later is accepted before its nbf (on the issuer clock)', () => {
    // Issued at T0 with iat T0 (issuer and browser agree), valid from T0 + 1 h, used at T0 + 10 min.
    const rec = record(token({ iat: T0, nbf: T0 + 3600, exp: T0 + 7200, iss: 'https://op' }), []);
    const uses = presented(rec, [600]);
    const hits = checkNbfFutureAccepted(
      model({ uses, families: [family('f1', [[rec, 'access']])] }),
      [rec],
      TEST_POLICY,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toMatch(/^nbf is 2025-03-14T10:00:00Z, yet a request 50 min earlier/);
    expect(hits[0]?.detail).toContain('issuer clock (+0 s)');
  });

  it('is silent when the browser clock runs behind the issuer: a fresh token used at once', () => {
    // The issuer stamped iat = nbf = T0 + 120 (its clock 2 min ahead); the browser used the token at T0 + 1.
    const rec = record(token({ iat: T0 + 120, nbf: T0 + 120, exp: T0 + 3720, iss: 'https://op' }), []);
    const uses = presented(rec, [1]);
    expect(
      checkNbfFutureAccepted(
        model({ uses, families: [family('f1', [[rec, 'access']])] }),
        [rec],
        TEST_POLICY,
      ),
    ).toEqual([]);
  });

  it('without an issuance in the capture, forgives five minutes on the browser clock', () => {
    const soon = record(token({ nbf: T0 + 200 }), []);
    const later = record(token({ nbf: T0 + 1000 }), []);
    const uses = [...presented(soon, [0]), ...presented(later, [0])];
    const hits = checkNbfFutureAccepted(model({ uses }), [soon, later], TEST_POLICY);
    expect(hits.map((h) => h.fingerprint)).toEqual([later.token.fingerprint]);
    expect(hits[0]?.detail).toContain('browser clock, 5 min of skew allowed');
  });

  it('draws the line at the skew on the issuer clock: one second more fires, the skew itself does not', () => {
    // The model's skew is 60 s; issued at T0 with iat T0, so the issuer clock is the browser's (+0 s).
    const early = (seconds: number) => {
      const rec = record(token({ iat: T0, nbf: T0 + 1000, exp: T0 + 7200, iss: 'https://op' }), []);
      const uses = presented(rec, [seconds]);
      const m = model({ uses, families: [family('f1', [[rec, 'access']])] });
      return checkNbfFutureAccepted(m, [rec], TEST_POLICY).length;
    };
    expect(early(1000 - 61)).toBe(1);
    expect(early(1000 - 60)).toBe(0);
  });

  it('is silent when the early request was rejected', () => {
    const rec = record(token({ nbf: T0 + 1000 }), []);
    expect(
      checkNbfFutureAccepted(model({ uses: presented(rec, [0], UNAUTHORIZED) }), [rec], TEST_POLICY),
    ).toEqual([]);
  });
});

describe('sig-invalid-accepted', () => {
  it('fires for an accepted token the signature checks found invalid, and only once they have run', () => {
    const rec = record(token({ sub: 'alice' }), []);
    const uses = presented(rec, [5]);
    const m = model({ uses });
    expect(checkSigInvalidAccepted(m, [rec], TEST_POLICY)).toEqual([]);
    const hits = checkSigInvalidAccepted(m, [rec], TEST_POLICY, {
      invalid: new Set([rec.token.fingerprint]),
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toContain('does not verify');
    expect(hits[0]?.detail).toContain(
      `${at(5)} GET https://api.example.test/v1/orders → 200: accepted (HTTP 200)`,
    );
  });

  it('is silent when the server rejected the forged token', () => {
    const rec = record(token({ sub: 'alice' }), []);
    const m = model({ uses: presented(rec, [5], UNAUTHORIZED) });
    expect(
      checkSigInvalidAccepted(m, [rec], TEST_POLICY, { invalid: new Set([rec.token.fingerprint]) }),
    ).toEqual([]);
  });
});
