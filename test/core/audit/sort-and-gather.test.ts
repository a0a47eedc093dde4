import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFindings, severityRank } from '../../../src/core/audit/findings';
import { createFindingGathering } from '../../../src/core/audit/gather-findings';
import { sortFindings } from '../../../src/core/audit/sort-findings';
import type { Finding, Severity } from '../../../src/core/types';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const RULES = [
  'alg-none',
  'alg-none-accepted',
  'exp-missing',
  'exp-expired',
  'hdr-jku-x5u',
  'Z-rule',
  'a_rule',
];
const FPS = ['', 'aaaa000000000001', 'aaaa000000000002', 'aaaa000000000003'];

function finding(
  ruleId: string,
  severity: Severity,
  fingerprint: string,
  detail: string,
  id: string,
): Finding {
  return {
    ruleId,
    severity,
    title: ruleId,
    why: '',
    detail,
    evidence: [],
    references: [],
    fingerprint,
    sightingIds: [id],
  };
}

const arbFinding = fc
  .record({
    rule: fc.constantFrom(...RULES),
    severity: fc.constantFrom(...SEVERITIES),
    fp: fc.constantFrom(...FPS),
    detail: fc.constantFrom('x', 'y'),
    id: fc.constantFrom('1:0', '2:0', '3:0'),
  })
  .map((f) => finding(f.rule, f.severity, f.fp, f.detail, f.id));

/** The comparator the auditor used before sort keys were precomputed. */
function referenceSort(findings: Finding[], orders: number[]): Finding[] {
  return findings
    .map((f, i) => ({ f, order: orders[i] as number }))
    .sort(
      (a, b) =>
        severityRank(a.f.severity) - severityRank(b.f.severity) ||
        a.order - b.order ||
        a.f.ruleId.localeCompare(b.f.ruleId),
    )
    .map((x) => x.f);
}

describe('sortFindings', () => {
  it('orders exactly as the localeCompare comparator, ties kept stable', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbFinding, fc.integer({ min: -1, max: 5 })), { maxLength: 60 }),
        (rows) => {
          const findings = rows.map(([f]) => f);
          const orders = rows.map(([, o]) => o);
          expect(sortFindings(findings, orders)).toEqual(referenceSort(findings, orders));
        },
      ),
    );
  });

  it('orders the same way when the keys are too large to pack into one number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbFinding, fc.constantFrom(-1, 0, 3, 2 ** 50, 2 ** 52)), { maxLength: 40 }),
        (rows) => {
          const findings = rows.map(([f]) => f);
          const orders = rows.map(([, o]) => o);
          expect(sortFindings(findings, orders)).toEqual(referenceSort(findings, orders));
        },
      ),
    );
  });
});

describe('createFindingGathering', () => {
  it('merges as mergeFindings does over tokens, then capture findings, then exchange findings', () => {
    const tokenFps = FPS.slice(1);
    fc.assert(
      fc.property(
        fc.array(arbFinding, { maxLength: 40 }),
        fc.array(arbFinding, { maxLength: 20 }),
        (own, captured) => {
          const gathering = createFindingGathering();
          const flat: Finding[] = [];
          tokenFps.forEach((fp, order) => {
            // A token's own findings come with no rule twice (the auditor merges those first).
            const mine = mergeFindings(
              own.map((f) => ({ ...f, fingerprint: fp })).slice(order * 5, order * 5 + 8),
            );
            gathering.addToken(mine, order);
            flat.push(...mine);
          });
          tokenFps.forEach((fp, order) => {
            const about = captured.filter((f) => f.fingerprint === fp);
            gathering.addCaptured(about, order);
            flat.push(...about);
          });
          const exchange = captured.filter((f) => f.fingerprint === '');
          gathering.addExchange(exchange);
          flat.push(...exchange);
          expect(gathering.findings).toEqual(mergeFindings(flat));
          expect(gathering.orders).toHaveLength(gathering.findings.length);
        },
      ),
    );
  });
});
