import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRIFT_POLICY, resolvePolicy } from '../../../src/core/policy';

function errorsOf(drift: unknown): string[] {
  const result = resolvePolicy({ drift });
  return result.ok ? [] : result.errors;
}

describe('policy.drift', () => {
  it('is absent by default; what it sets merges over the defaults key by key', () => {
    const none = resolvePolicy({});
    expect(none.ok && none.policy.drift).toBe(undefined);
    expect(DEFAULT_DRIFT_POLICY).toEqual({
      lifetimeTolerance: 0.1,
      issuanceRateFactor: 3,
      rejectionRateFactor: 3,
    });
    expect(resolvePolicy({ drift: { lifetimeTolerance: 0 } })).toMatchObject({
      ok: true,
      policy: { drift: { lifetimeTolerance: 0, issuanceRateFactor: 3, rejectionRateFactor: 3 } },
    });
    expect(resolvePolicy({ drift: { issuanceRateFactor: 10, rejectionRateFactor: 1.5 } })).toMatchObject({
      ok: true,
      policy: { drift: { lifetimeTolerance: 0.1, issuanceRateFactor: 10, rejectionRateFactor: 1.5 } },
    });
  });

  it('reports every mistake at its path', () => {
    expect(errorsOf(0.2)).toEqual([
      'policy.drift: expected an object with lifetimeTolerance, issuanceRateFactor, rejectionRateFactor, got 0.2',
    ]);
    expect(
      errorsOf({ lifetimeTolerance: '10%', issuanceRateFactor: 0.5, rejectionRateFactor: -1, rate: 2 }),
    ).toEqual([
      'policy.drift.rate: unknown key (expected one of lifetimeTolerance, issuanceRateFactor, rejectionRateFactor)',
      'policy.drift.lifetimeTolerance: expected a fraction of the learned maximum from 0 to 10 (0.1 = 10 %), got "10%"',
      'policy.drift.issuanceRateFactor: expected a factor from 1 to 1000, got 0.5',
      'policy.drift.rejectionRateFactor: expected a factor from 1 to 1000, got -1',
    ]);
  });

  it('never throws, and accepts exactly the numbers in range (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (drift, tolerance) => {
        const result = resolvePolicy({ drift });
        if (result.ok) expect(result.policy.drift).toBeDefined();
        const one = resolvePolicy({ drift: { lifetimeTolerance: tolerance } });
        const inRange = typeof tolerance === 'number' && tolerance >= 0 && tolerance <= 10;
        expect(one.ok).toBe(inRange);
      }),
    );
  });
});
