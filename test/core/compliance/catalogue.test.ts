import { describe, expect, it } from 'vitest';
import {
  CONTROL_MAPPINGS,
  CONTROLS,
  FRAMEWORK_IDS,
  findControl,
  mappingsOf,
  RULE_MAPPINGS,
  UNMAPPED_RULES,
} from '../../../src/core/compliance';
import { RULE_IDS } from '../../../src/core/rules/catalog';

/** Ids shared/COMPLIANCE.md marks `unverified`: never in the catalogue. */
const UNVERIFIED = [
  ['gdpr', 'Art. 9'],
  ['soc2', 'P3.1'],
  ['soc2', 'P6.1'],
  ['iso27001', '8.20'],
] as const;

const controls = FRAMEWORK_IDS.flatMap((id) => CONTROLS[id]);

describe('control catalogue and rule mappings', () => {
  it('maps every catalog rule to controls, or says why not (never both)', () => {
    for (const id of RULE_IDS) {
      const mapped = id in RULE_MAPPINGS;
      const unmapped = id in UNMAPPED_RULES;
      expect(
        mapped || unmapped,
        `${id}: neither mapped nor explained in src/core/compliance/mapping-table.ts`,
      ).toBe(true);
      expect(mapped && unmapped, `${id}: both mapped and unmapped`).toBe(false);
    }
  });

  it('maps only to controls of the catalogue, and only rules that exist or are on their way', () => {
    for (const m of CONTROL_MAPPINGS) {
      expect(findControl(m.framework, m.control), `${m.ruleId} → ${m.framework} ${m.control}`).toBeDefined();
      expect(RULE_IDS, `unknown rule ${m.ruleId}`).toContain(m.ruleId);
    }
    for (const id of Object.keys(UNMAPPED_RULES)) expect(RULE_IDS).toContain(id);
  });

  it('gives every control a rule, and a direct one to every control a capture can fully evidence', () => {
    for (const control of controls) {
      const mappings = mappingsOf(control);
      expect(mappings.length, `${control.framework} ${control.id} has no rule`).toBeGreaterThan(0);
      if (control.coverage === 'full')
        expect(
          mappings.some((m) => m.strength === 'direct'),
          `${control.framework} ${control.id}`,
        ).toBe(true);
      else expect(control.needs, `${control.framework} ${control.id} says what is still needed`).toBeTruthy();
    }
  });

  it('keeps each control id once per framework, ASVS ids cited as v5.0.0-<id>, and no unverified id', () => {
    for (const id of FRAMEWORK_IDS) {
      const ids = CONTROLS[id].map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of CONTROLS[id]) expect(c.framework).toBe(id);
    }
    for (const c of CONTROLS.asvs) expect(c.id).toMatch(/^v5\.0\.0-\d+\.\d+\.\d+$/);
    for (const [framework, id] of UNVERIFIED) expect(findControl(framework, id)).toBeUndefined();
  });

  it('follows the mapping guidance: RSASSA-PKCS1-v1_5 is an ASVS-only finding, idle timeouts only partly', () => {
    expect(
      CONTROL_MAPPINGS.filter((m) => m.ruleId === 'alg-rsa-pkcs1v15').map((m) => [m.framework, m.strength]),
    ).toEqual([['asvs', 'direct']]);
    const idle = CONTROL_MAPPINGS.filter((m) => ['8.2.8', '164.312(a)(2)(iii)'].includes(m.control));
    expect(idle.length).toBeGreaterThan(0);
    for (const m of idle) expect(m.strength).toBe('partial');
    for (const id of ['iat-missing', 'hdr-crit-extension']) expect(UNMAPPED_RULES[id]).toBeTruthy();
  });
});
