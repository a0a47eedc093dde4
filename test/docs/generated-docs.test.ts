import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_DOC,
  END,
  escapeProse,
  generatedFiles,
  RULES_DOC,
  renderReadmeRules,
  START,
  spliceReadme,
} from '../../scripts/gen-docs.mjs';
import * as compliance from '../../src/core/compliance';
import { formatReference } from '../../src/core/report/format-reference';
import { RULE_CATALOG } from '../../src/core/rules/catalog';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('docs generated from the rule catalog', () => {
  const expected = generatedFiles(RULE_CATALOG, formatReference, read('README.md'), compliance);

  it.each([[RULES_DOC], [COMPLIANCE_DOC], ['README.md']])('%s matches the catalog', (path) => {
    expect(read(path), `${path} is out of date with src/core/rules/catalog: run \`npm run docs\``).toBe(
      expected[path],
    );
  });

  it('lists every rule id, severity and reference in docs/RULES.md and every id in the README', () => {
    const rules = read(RULES_DOC);
    const readme = read('README.md');
    for (const rule of RULE_CATALOG) {
      expect(rules).toContain(`| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} |`);
      expect(rules).toContain(`\n### ${rule.id}\n`);
      for (const reference of rule.references)
        expect(rules).toContain(escapeProse(formatReference(reference)));
      expect(readme).toContain(`[\`${rule.id}\`](docs/RULES.md#${rule.id}) | ${rule.severity} |`);
    }
  });

  it('lists in docs/COMPLIANCE.md every control with its rules, and every rule with its controls or reason', () => {
    const doc = read(COMPLIANCE_DOC);
    for (const id of compliance.FRAMEWORK_IDS) {
      expect(doc).toContain(`Id for \`--compliance\`: \`${id}\``);
      for (const control of compliance.CONTROLS[id]) expect(doc).toContain(`| ${escapeProse(control.id)} | `);
    }
    for (const rule of RULE_CATALOG) {
      const reason = compliance.UNMAPPED_RULES[rule.id];
      const row = reason
        ? `| \`${rule.id}\` | — | Unmapped: ${escapeProse(reason)} |`
        : `| \`${rule.id}\` | `;
      expect(doc).toContain(row);
    }
    expect(doc).toContain('v5.0.0-3.3.4 (direct)');
    expect(doc).toContain('v5.0.0-12.2.1 (direct, only traffic that left the machine');
    expect(doc).toContain('§2.2.3 (partial, only tokens living longer than the overall timeout');
  });

  it('escapes Markdown in prose but not inside code spans', () => {
    expect(escapeProse('__Host- cookies, RS* | PS* [x]')).toBe(
      '\\_\\_Host- cookies, RS\\* \\| PS\\* \\[x\\]',
    );
    expect(escapeProse('pass `--jwks` or `a|b`')).toBe('pass `--jwks` or `a\\|b`');
  });

  it('replaces exactly one marked README block, and refuses a README without one', () => {
    const block = renderReadmeRules(RULE_CATALOG.slice(0, 1));
    expect(spliceReadme(`a\n${START}\nold\n${END}\nb`, block)).toBe(`a\n${block}\nb`);
    expect(() => spliceReadme('no markers', block)).toThrow(/exactly one/);
    expect(() => spliceReadme(`${START}${END}${START}${END}`, block)).toThrow(/exactly one/);
  });
});
