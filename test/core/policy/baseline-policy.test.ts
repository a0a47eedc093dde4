import { describe, expect, it } from 'vitest';
import { serializeBaseline } from '../../../src/core/baseline';
import { resolvePolicy } from '../../../src/core/policy';
import { learnFrom, readHar } from '../baseline/learn-helpers';

const learned = learnFrom(readHar('test/fixtures/demo.har'), 'demo.har');

describe('a baseline inside the policy (the `baseline` key)', () => {
  it('is validated and kept as it is', () => {
    const result = resolvePolicy({ baseline: JSON.parse(serializeBaseline(learned)) });
    expect(result.ok && result.policy.baseline).toEqual(learned);
  });

  it('is absent unless given', () => {
    const result = resolvePolicy({});
    expect(result.ok && Object.hasOwn(result.policy, 'baseline')).toBe(false);
  });

  it.each([
    [[], 'policy.baseline: not a JWT Lens baseline (expected an object with baselineVersion, got an array)'],
    [
      { baselineVersion: 2 },
      'policy.baseline.baselineVersion: expected 1 (the version this jwt-lens reads), got 2',
    ],
    [
      { ...learned, profiles: [{ ...learned.profiles[0], tokens: 1.5 }] },
      'policy.baseline.profiles[0].tokens: expected a whole number ≥ 0, got 1.5',
    ],
    [{ ...learned, generatedBy: { name: 'jwt-lens' } }, 'policy.baseline.generatedBy: missing "version"'],
  ])('%j: an error naming the path inside the policy', (baseline, error) => {
    const result = resolvePolicy({ baseline });
    expect(result.ok ? [] : result.errors).toEqual([error]);
  });
});
