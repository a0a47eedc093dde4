import { describe, expect, it } from 'vitest';
import { compareIds, groupByStandard } from '../../../src/core/report/group-by-standard';
import { RULE_CATALOG } from '../../../src/core/rules/catalog';
import type { Finding, Reference, RuleInfo } from '../../../src/core/types';

function finding(ruleId: string, references: Reference[]): Finding {
  return {
    ruleId,
    severity: 'high',
    title: ruleId,
    why: '',
    detail: '',
    evidence: [],
    references,
    fingerprint: '0123456789abcdef',
    sightingIds: [],
  };
}

const rule = (id: string, references: Reference[]): RuleInfo => ({
  id,
  title: id,
  severity: 'low',
  why: '',
  references,
  scope: 'token',
});

describe('groupByStandard', () => {
  it('files a finding under each requirement it cites, once even when cited twice', () => {
    const f = finding('alg-none', [
      { standard: 'CWE', id: 'CWE-347' },
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'CWE', id: 'CWE-347' },
    ]);
    const groups = groupByStandard([f], []);
    expect(groups.map((g) => g.standard)).toEqual(['RFC 8725', 'CWE']);
    expect(groups[1]?.requirements).toEqual([
      { reference: { standard: 'CWE', id: 'CWE-347' }, label: 'CWE-347', findings: [f], ruleIds: [] },
    ]);
  });

  it('adds catalog requirements with the rules that cite them, findings or not', () => {
    const catalog = [
      rule('a', [{ standard: 'RFC 8725', id: '§3.10' }]),
      rule('b', [
        { standard: 'RFC 8725', id: '§3.2' },
        { standard: 'RFC 8725', id: '§3.10' },
      ]),
    ];
    const [rfc] = groupByStandard([], catalog);
    expect(rfc?.requirements.map((r) => [r.label, r.ruleIds, r.findings.length])).toEqual([
      ['RFC 8725 §3.2', ['b'], 0],
      ['RFC 8725 §3.10', ['a', 'b'], 0],
    ]);
  });

  it('covers every reference of the real catalog, each under its own standard', () => {
    const groups = groupByStandard([], RULE_CATALOG);
    const standards = groups.map((g) => g.standard);
    expect(standards.slice(0, 5)).toEqual([
      'RFC 8725',
      'OWASP ASVS 5.0',
      'CWE',
      'NIST SP 800-63B-4',
      'RFC 7519',
    ]);
    for (const info of RULE_CATALOG) {
      for (const reference of info.references) {
        const group = groups.find((g) => g.standard === reference.standard);
        const requirement = group?.requirements.find((r) => r.reference.id === reference.id);
        expect(requirement?.ruleIds, `${info.id} → ${reference.standard} ${reference.id}`).toContain(info.id);
      }
    }
  });
});

describe('compareIds', () => {
  it('compares numbers as numbers and the rest as text', () => {
    const ids = ['10.1.1', '§3.10', 'CWE-347', '9.2.1', '§3.2', 'CWE-20', '9.10.1', 'API2:2023'];
    expect([...ids].sort(compareIds)).toEqual([
      '9.2.1',
      '9.10.1',
      '10.1.1',
      'API2:2023',
      'CWE-20',
      'CWE-347',
      '§3.2',
      '§3.10',
    ]);
  });
});
