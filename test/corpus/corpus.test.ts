/**
 * The accuracy corpus (test/corpus/FORMAT.md): real tokens and captures with expert expectations,
 * scored per rule family. Fails below 0.98 precision or recall in any family with data, on any
 * forbidden finding, on a bad corpus file, or on a catalog rule with no family.
 */
import { describe, expect, test } from 'vitest';
import { RULE_IDS } from '../../src/core';
import { RULE_FAMILY } from './families';
import { runCorpus } from './run-corpus';
import { failuresOf, formatMistakes, formatScore } from './score';

/** ", 1 generated flow, scored by test/e2e/oidc-provider.test.ts" (empty without generated flows). */
function generatedNote(generated: readonly { by: string }[]): string {
  if (generated.length === 0) return '';
  const by = [...new Set(generated.map((flow) => flow.by))].join(', ');
  return `, ${generated.length} generated flow${generated.length === 1 ? '' : 's'}, scored by ${by}`;
}

describe('accuracy corpus', () => {
  test('every catalog rule has a scoring family, and the family table names only catalog rules', () => {
    expect(RULE_IDS.filter((id) => !Object.hasOwn(RULE_FAMILY, id))).toEqual([]);
    expect(Object.keys(RULE_FAMILY).filter((id) => !RULE_IDS.includes(id))).toEqual([]);
  });

  test('JWT Lens meets the expert expectations (precision and recall ≥ 0.98 per family)', async () => {
    const run = await runCorpus();
    const prefixes = Object.entries(run.counts.byPrefix)
      .map(([prefix, n]) => `${prefix} ${n}`)
      .join(', ');
    process.stdout.write(
      `Corpus: ${run.counts.tokens} tokens (${prefixes}), ${run.counts.flows} flows${generatedNote(run.counts.generated)}\n${formatScore(run.score)}\n`,
    );
    expect(run.errors, 'corpus files').toEqual([]);
    expect(run.counts.tokens).toBeGreaterThan(0);
    const failures = failuresOf(run.score);
    if (failures.length > 0) process.stdout.write(`${formatMistakes(run.score)}\n`);
    expect(failures).toEqual([]);
  }, 300_000);
});
