import type { RuleHit, Severity } from '../types';
import { ruleInfo } from './catalog';
import { moreSevere } from './token/token-parts';

/** `Nested token`, or with its depth for tokens nested more than once. */
export function nestedLabel(level: number): string {
  return level === 1 ? 'Nested token' : `Nested token (level ${level})`;
}

function severityOf(hit: RuleHit): Severity {
  return hit.severity ?? ruleInfo(hit.ruleId)?.severity ?? 'info';
}

/**
 * Adds a hit about an inner token of a nested JWT to the hits about the token as presented: its detail
 * and evidence labelled with `label` (see `nestedLabel`), and joined to a hit of the same rule already
 * in `out` (outer layer or another inner one) rather than beside it, the more severe tier winning. A
 * finding per rule and token is what the reports show, so a second one would lose its detail.
 */
export function addNestedHit<T extends RuleHit>(out: T[], hit: T, label: string): void {
  const evidence = (hit.evidence ?? []).map((e) => ({ ...e, label: `${label.toLowerCase()}: ${e.label}` }));
  const detail = `${label}: ${hit.detail}`;
  const at = out.findIndex((seen) => seen.ruleId === hit.ruleId);
  const seen = out[at];
  if (!seen) {
    out.push({ ...hit, detail, evidence });
    return;
  }
  // Hits may be shared between tokens (the auditor caches header hits): the joined hit is a new object.
  const joined: T = {
    ...seen,
    detail: `${seen.detail} ${detail}`,
    evidence: [...(seen.evidence ?? []), ...evidence],
  };
  joined.severity = moreSevere(severityOf(seen), severityOf(hit));
  const ids = joinedSightings(seen.sightingIds, hit.sightingIds);
  if (ids) joined.sightingIds = ids;
  else delete joined.sightingIds;
  out[at] = joined;
}

/**
 * The sightings of two joined hits: both lists when both name some (an outer and an inner token that
 * expired at different times), else none, which means every sighting of the token.
 */
function joinedSightings(a: readonly string[] | undefined, b: readonly string[] | undefined) {
  return a?.length && b?.length ? [...new Set([...a, ...b])] : undefined;
}
