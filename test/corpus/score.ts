/**
 * Scores what JWT Lens fired against what the corpus expects: per rule family, true positives
 * (required and fired), false positives (fired, neither required nor allowed), false negatives
 * (required, not fired). Allowed rules count neither way; forbidden ones that fire fail outright,
 * and so does a rule that fires above its `maxSeverity` cap (a false alarm of its own kind: a false
 * positive, not a true one, even when the rule is required).
 */
import { type Severity, severityRank } from '../../src/core';
import type { Expectation } from './corpus-files';
import { FAMILIES, type Family, familyOf } from './families';

/** One judged case: a corpus token, a flow token or a flow's exchange findings. */
export interface Judged {
  id: string;
  expectation: Expectation;
  /** Each rule that fired, with the most severe severity it fired at. */
  fired: ReadonlyMap<string, Severity>;
}

export interface FamilyScore {
  family: Family;
  tp: number;
  fp: number;
  fn: number;
  /** TP / (TP + FP); 1 when nothing fired. */
  precision: number;
  /** TP / (TP + FN); 1 when nothing was required. */
  recall: number;
}

export interface Mistake {
  id: string;
  rule: string;
  /** The severity it fired at (none for a false negative). */
  severity?: Severity;
  /** The cap it fired above, when that is the mistake. */
  cap?: Severity;
}

export interface CorpusScore {
  cases: number;
  families: FamilyScore[];
  falsePositives: Mistake[];
  falseNegatives: Mistake[];
  forbidden: Mistake[];
  /** Rules that fired or were expected but have no family (the family table needs a row). */
  unfamiliar: string[];
}

export const THRESHOLD = 0.98;

export function scoreCases(judged: readonly Judged[]): CorpusScore {
  const counts = new Map<Family, { tp: number; fp: number; fn: number }>(
    FAMILIES.map((family) => [family, { tp: 0, fp: 0, fn: 0 }]),
  );
  const score: CorpusScore = {
    cases: judged.length,
    families: [],
    falsePositives: [],
    falseNegatives: [],
    forbidden: [],
    unfamiliar: [],
  };
  const unfamiliar = new Set<string>();
  for (const { id, expectation, fired } of judged) {
    const rules = new Set([...fired.keys(), ...expectation.required]);
    for (const rule of rules) {
      const family = familyOf(rule);
      if (!family) {
        unfamiliar.add(rule);
        continue;
      }
      const count = counts.get(family) as { tp: number; fp: number; fn: number };
      const verdict = verdictOf(rule, expectation, fired.get(rule));
      if (verdict === 'tp') count.tp++;
      else if (verdict === 'fn') {
        count.fn++;
        score.falseNegatives.push({ id, rule });
      } else if (verdict !== 'allowed') {
        const mistake: Mistake = { id, rule, ...verdict.mistake };
        count.fp++;
        score.falsePositives.push(mistake);
        if (verdict.forbidden) score.forbidden.push(mistake);
      }
    }
  }
  score.unfamiliar = [...unfamiliar].sort();
  score.families = FAMILIES.map((family) => {
    const { tp, fp, fn } = counts.get(family) as { tp: number; fp: number; fn: number };
    return { family, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  });
  return score;
}

/** A false positive: what fired, and whether it fails outright (forbidden, or above its cap). */
interface FalsePositive {
  mistake: Pick<Mistake, 'severity' | 'cap'>;
  forbidden: boolean;
}

/** How one rule of one case counts, given the severity it fired at (none when it did not fire). */
function verdictOf(
  rule: string,
  { required, allowed, forbidden, maxSeverity }: Expectation,
  severity: Severity | undefined,
): 'tp' | 'fn' | 'allowed' | FalsePositive {
  if (!severity) return 'fn';
  if (forbidden.includes(rule)) return { mistake: { severity }, forbidden: true };
  const cap = maxSeverity?.[rule];
  if (cap && severityRank(severity) < severityRank(cap))
    return { mistake: { severity, cap }, forbidden: true };
  if (required.includes(rule)) return 'tp';
  return allowed.includes(rule) ? 'allowed' : { mistake: { severity }, forbidden: false };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** Why the corpus fails, one line each; empty when every family with data meets the threshold. */
export function failuresOf(score: CorpusScore, threshold = THRESHOLD): string[] {
  const failures: string[] = [];
  for (const f of score.families) {
    if (f.tp + f.fp + f.fn === 0) continue;
    if (f.precision < threshold)
      failures.push(`${f.family}: precision ${f.precision.toFixed(3)} is below ${threshold}`);
    if (f.recall < threshold)
      failures.push(`${f.family}: recall ${f.recall.toFixed(3)} is below ${threshold}`);
  }
  for (const m of score.forbidden) failures.push(`forbidden finding: ${describeMistake(m)}`);
  for (const rule of score.unfamiliar) failures.push(`rule ${rule} has no family in test/corpus/families.ts`);
  return failures;
}

/** One mistake on one line: `rule (severity[, above its cap cap]) on case`. */
export function describeMistake(m: Mistake): string {
  return `${ruleOf(m)}${m.severity && !m.cap ? ` (${m.severity})` : ''} on ${m.id}`;
}

/** The rule of a mistake, with the cap it fired above: what mistakes are grouped by. */
function ruleOf(m: Mistake): string {
  return m.cap ? `${m.rule} (${m.severity}, above its cap ${m.cap})` : m.rule;
}

/** The compact table: one row per family with data, then a total. */
export function formatScore(score: CorpusScore): string {
  const rows = score.families
    .filter((f) => f.tp + f.fp + f.fn > 0)
    .map((f) => [f.family, f.tp, f.fp, f.fn, f.precision.toFixed(3), f.recall.toFixed(3)].map(String));
  const total = score.families.reduce(
    (sum, f) => ({ tp: sum.tp + f.tp, fp: sum.fp + f.fp, fn: sum.fn + f.fn }),
    {
      tp: 0,
      fp: 0,
      fn: 0,
    },
  );
  rows.push(
    [
      'all',
      total.tp,
      total.fp,
      total.fn,
      ratio(total.tp, total.tp + total.fp),
      ratio(total.tp, total.tp + total.fn),
    ].map((cell) => (typeof cell === 'number' && !Number.isInteger(cell) ? cell.toFixed(3) : String(cell))),
  );
  const header = ['family', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [`${score.cases} cases`, line(header), rule, ...rows.map(line)].join('\n');
}

/** The false positives that are not forbidden findings (those are listed on their own). */
export function otherFalsePositives(score: CorpusScore): Mistake[] {
  return score.falsePositives.filter((fp) => !score.forbidden.includes(fp));
}

/** Every forbidden finding, other false positive and false negative, grouped by rule with the case ids. */
export function formatMistakes(score: CorpusScore): string {
  const block = (title: string, list: readonly Mistake[]) => {
    if (list.length === 0) return [];
    const byRule = new Map<string, string[]>();
    for (const m of list) byRule.set(ruleOf(m), [...(byRule.get(ruleOf(m)) ?? []), m.id]);
    return [
      `${title} (${list.length}):`,
      ...[...byRule].sort().map(([rule, ids]) => `  ${rule} ×${ids.length}: ${ids.join(', ')}`),
    ];
  };
  return [
    ...block('Forbidden findings', score.forbidden),
    ...block('Other false positives', otherFalsePositives(score)),
    ...block('False negatives', score.falseNegatives),
  ].join('\n');
}
