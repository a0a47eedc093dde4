import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../src/core/types';
import { createComplianceModel } from '../../../src/panel/models/compliance-model';
import { complianceReport, hipaa, pciDss } from '../compliance-fixture';
import { accessClaims, makeEntry, makeToken } from '../fixtures';
import { createTestModel } from '../harness';

const alice = makeToken(accessClaims('alice'));

describe('createComplianceModel', () => {
  it('reassesses when the audit result changes, and only when read', async () => {
    const { source, model, frame } = await createTestModel();
    const seen: number[] = [];
    const compliance = createComplianceModel(model.result, (r: AuditResult) => {
      seen.push(r.tokens.length);
      return complianceReport([pciDss([])]);
    });
    source.emit(makeEntry({ bearer: alice }), 'r1');
    frame();
    expect(seen).toEqual([]);
    expect(compliance.framework.value?.framework.id).toBe('pci-dss');
    expect(seen).toEqual([1]);
    model.clear();
    compliance.report.value;
    expect(seen).toEqual([1, 0]);
  });

  it('defaults to the first framework in picker order; a framework switch closes the open control', async () => {
    const { model } = await createTestModel();
    const compliance = createComplianceModel(model.result, () => complianceReport([hipaa(), pciDss([])]));
    expect(compliance.frameworks.value.map((f) => f.framework.id)).toEqual(['pci-dss', 'hipaa']);
    expect(compliance.framework.value?.framework.id).toBe('pci-dss');
    compliance.selectControl('8.6.3');
    expect(compliance.control.value?.status).toBe('partial');
    compliance.selectFramework('hipaa');
    expect(compliance.control.value).toBeNull();
    compliance.selectControl('164.312(d)');
    expect(compliance.control.value?.title).toBe('Person or entity authentication');
    compliance.selectControl('8.6.3');
    expect(compliance.control.value).toBeNull();
  });

  it('falls back when the chosen framework is gone, and gives null when the engine throws', async () => {
    const { model } = await createTestModel();
    let frameworks = [hipaa(), pciDss([])];
    let fail = false;
    const compliance = createComplianceModel(model.result, () => {
      if (fail) throw new Error('engine bug');
      return complianceReport(frameworks);
    });
    compliance.selectFramework('hipaa');
    expect(compliance.framework.value?.framework.id).toBe('hipaa');
    frameworks = [pciDss([])];
    model.clear();
    expect(compliance.framework.value?.framework.id).toBe('pci-dss');
    frameworks = [];
    model.clear();
    expect(compliance.framework.value).toBeNull();
    fail = true;
    model.clear();
    expect(compliance.report.value).toBeNull();
    expect(compliance.frameworks.value).toEqual([]);
  });
});
