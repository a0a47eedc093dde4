import type { Finding } from '../types';
import { mergePair } from './findings';

/**
 * The findings of one result as they are gathered, each with the sort position of its token (-1 for an
 * exchange finding with no token). Findings that say the same thing twice (same rule on the same token,
 * or for exchange findings the same rule and detail) are merged on the way in, as `mergeFindings` does:
 * knowing where each token's findings sit spares a lookup key per finding on 100,000-token audits.
 */
export interface FindingGathering {
  findings: Finding[];
  orders: number[];
  /** A token's own findings (no rule twice among them), for the token at sort position `order`. */
  addToken(findings: readonly Finding[], order: number): void;
  /** Capture-wide findings about the token at `order`: all of them for that token, in one call. */
  addCaptured(findings: readonly Finding[], order: number): void;
  /** Findings about an exchange rather than a token. */
  addExchange(findings: readonly Finding[]): void;
}

/** Index in `list[from, to)` of the finding with `ruleId`, or -1. */
function findRule(list: readonly Finding[], from: number, to: number, ruleId: string): number {
  for (let i = from; i < to; i++) if ((list[i] as Finding).ruleId === ruleId) return i;
  return -1;
}

/** Starts an empty gathering; tokens must be added in order of their sort position. */
export function createFindingGathering(): FindingGathering {
  const blockStart: number[] = [];
  const blockEnd: number[] = [];
  const exchange = new Map<string, number>();
  const gathering: FindingGathering = {
    findings: [],
    orders: [],
    addToken(findings, order) {
      blockStart[order] = gathering.findings.length;
      for (const finding of findings) push(finding, order);
      blockEnd[order] = gathering.findings.length;
    },
    addCaptured(findings, order) {
      const from = gathering.findings.length;
      for (const finding of findings) {
        const own = findRule(
          gathering.findings,
          blockStart[order] ?? 0,
          blockEnd[order] ?? 0,
          finding.ruleId,
        );
        const at =
          own >= 0 ? own : findRule(gathering.findings, from, gathering.findings.length, finding.ruleId);
        if (at < 0) push(finding, order);
        else merge(at, finding);
      }
    },
    addExchange(findings) {
      for (const finding of findings) {
        const key = `${finding.ruleId}\u0000${finding.detail}`;
        const at = exchange.get(key);
        if (at !== undefined) merge(at, finding);
        else {
          exchange.set(key, gathering.findings.length);
          push(finding, -1);
        }
      }
    },
  };
  function push(finding: Finding, order: number): void {
    gathering.findings.push(finding);
    gathering.orders.push(order);
  }
  function merge(at: number, finding: Finding): void {
    gathering.findings[at] = mergePair(gathering.findings[at] as Finding, finding);
  }
  return gathering;
}
