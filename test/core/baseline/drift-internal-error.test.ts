import { describe, expect, it } from 'vitest';
import type { TokenProfile } from '../../../src/core/baseline';
import { accessProfile, accessToken, auditWithDrift, baselineOf, use } from './drift-helpers';

describe('a drift rule that fails on a baseline the types did not guard', () => {
  it('is reported as an internal-error finding beside the others, not dropped', async () => {
    // `parseBaseline` refuses this; a hand-built object (the panel's storage, an API caller) may not.
    const broken = accessProfile({ carriers: null as unknown as TokenProfile['carriers'] });
    const result = auditWithDrift([use(await accessToken({ kid: 'k2' }))], baselineOf([broken]));
    const errors = result.findings.filter((f) => f.ruleId === 'internal-error');
    expect(errors.map((f) => f.detail)).toEqual([
      expect.stringMatching(/^rule drift-cookie-weakened failed: /),
    ]);
    expect(errors[0]?.fingerprint).toBe('');
    // The other drift rules still ran.
    expect(result.findings.some((f) => f.ruleId === 'drift-new-key-id')).toBe(true);
  });

  it('a capture with no drift and no failure gets no internal-error', async () => {
    const result = auditWithDrift([use(await accessToken())], baselineOf([accessProfile()]));
    expect(
      result.findings.filter((f) => f.ruleId.startsWith('drift-') || f.ruleId === 'internal-error'),
    ).toEqual([]);
  });
});
