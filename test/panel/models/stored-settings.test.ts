import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSettings } from '../../../src/panel/models/stored-settings';

describe('normalizeSettings', () => {
  it('accepts what the panel saves', () => {
    expect(normalizeSettings({ version: 1, policyText: '{}', preserveLog: true })).toEqual({
      version: 1,
      policyText: '{}',
      preserveLog: true,
    });
  });

  it('treats anything but true as preserveLog off', () => {
    expect(normalizeSettings({ version: 1, policyText: '{}', preserveLog: 'yes' })?.preserveLog).toBe(false);
  });

  it('rejects other versions, shapes and types', () => {
    for (const value of [
      undefined,
      null,
      'x',
      [],
      { version: 2, policyText: '{}' },
      { version: 1, policyText: 3 },
    ]) {
      expect(normalizeSettings(value)).toBeNull();
    }
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (value) => void normalizeSettings(value)));
  });
});
