import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../../src/core/policy';

function errorsOf(compliance: unknown): string[] {
  const result = resolvePolicy({ compliance });
  return result.ok ? [] : result.errors;
}

describe('policy.compliance', () => {
  it('is absent by default and gets defaults for what it leaves out', () => {
    const none = resolvePolicy({});
    expect(none.ok && none.policy.compliance).toBe(undefined);
    const result = resolvePolicy({ compliance: { frameworks: ['asvs', 'pci-dss', 'asvs'] } });
    expect(result).toMatchObject({
      ok: true,
      policy: { compliance: { frameworks: ['asvs', 'pci-dss'], outOfScope: [], nistAal: 2 } },
    });
  });

  it('keeps out-of-scope controls with their reasons and the NIST AAL', () => {
    const compliance = {
      nistAal: 3,
      outOfScope: [{ framework: 'pci-dss', control: '8.2.8', reason: 'idle timeout tested by the QSA' }],
    };
    expect(resolvePolicy({ compliance })).toMatchObject({ ok: true, policy: { compliance } });
  });

  it('names an unknown control precisely, with the framework’s mapped ids and a suggestion', () => {
    const [error] = errorsOf({ outOfScope: [{ framework: 'pci-dss', control: '8.2.9', reason: 'x' }] });
    expect(error).toMatch(
      /^policy\.compliance\.outOfScope\[0\]\.control: unknown pci-dss control "8\.2\.9" \(did you mean "8\.2\.8"\?\) \(JWT Lens maps 3\.5\.1, .*8\.3\.2\)$/,
    );
  });

  it('reports every other mistake at its path', () => {
    expect(errorsOf('all')).toEqual([
      'policy.compliance: expected an object with frameworks, outOfScope, nistAal, got "all"',
    ]);
    expect(errorsOf({ frameworks: ['pci'], nistAal: 4, scope: 1 })).toEqual([
      'policy.compliance.scope: unknown key (expected one of frameworks, outOfScope, nistAal)',
      'policy.compliance.frameworks[0]: unknown framework "pci" (expected one of pci-dss, hipaa, gdpr, soc2, iso27001, nist-800-63b, nist-800-53, asvs)',
      'policy.compliance.nistAal: expected 1, 2 or 3 (NIST SP 800-63B-4 AAL), got 4',
    ]);
    expect(errorsOf({ outOfScope: [{ framework: 'soc2', control: 'CC6.7' }, 'x'] })).toEqual([
      'policy.compliance.outOfScope[0].reason: expected a non-empty reason (reports show it), got nothing',
      'policy.compliance.outOfScope[1]: expected an object with framework, control and reason, got "x"',
    ]);
    expect(errorsOf({ outOfScope: [{ framework: 'hippa', control: 'x', reason: 'r' }] })[0]).toBe(
      'policy.compliance.outOfScope[0].framework: unknown framework "hippa" (did you mean "hipaa"?) (expected one of pci-dss, hipaa, gdpr, soc2, iso27001, nist-800-63b, nist-800-53, asvs)',
    );
  });
});

describe('policy.compliance on arbitrary input', () => {
  it('never throws, and either resolves or explains every problem under policy.compliance', () => {
    const entry = fc.record(
      {
        framework: fc.oneof(fc.constantFrom('pci-dss', 'soc2', 'asvs', 'hippa'), fc.jsonValue()),
        control: fc.oneof(fc.constantFrom('8.2.8', 'CC6.7', 'v5.0.0-9.1.1', 'CC6.9'), fc.jsonValue()),
        reason: fc.oneof(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const compliance = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          frameworks: fc.oneof(fc.array(fc.constantFrom('gdpr', 'iso27001', 'nist', '')), fc.jsonValue()),
          outOfScope: fc.oneof(fc.array(entry, { maxLength: 3 }), fc.jsonValue()),
          nistAal: fc.oneof(fc.constantFrom(1, 2, 3, 4), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(compliance, (value) => {
        const result = resolvePolicy({ compliance: value });
        if (result.ok) expect([1, 2, 3]).toContain(result.policy.compliance?.nistAal);
        else for (const error of result.errors) expect(error).toMatch(/^policy\.compliance[.:[]/);
      }),
    );
  });
});
