import { parseUrlParts } from '../capture/url-parts';
import { assessProbeRun } from '../probe/assess';
import type { ProbeRun } from '../probe/types';
import { emptyPopulation, onHosts, type Population, plural } from './populations';

/** Each run's passes, worked out once per compliance report. */
export interface ProbePasses {
  run: ProbeRun;
  passed: ReadonlySet<string>;
}

export function probePassesOf(runs: readonly ProbeRun[]): ProbePasses[] {
  return runs.map((run) => ({ run, passed: new Set(assessProbeRun(run).passedRuleIds) }));
}

/**
 * What probes showed for some probe rules: the tampered tokens of those rules that servers refused, on
 * runs where every case of the rule was refused. Empty (no phrase) when no such rule passed.
 */
export function probePopulation(ruleIds: ReadonlySet<string>, passes: readonly ProbePasses[]): Population {
  const pop = emptyPopulation();
  let refused = 0;
  const rules = new Set<string>();
  for (const { run, passed } of passes) {
    const cases = run.outcomes.filter(
      (o) => o.ruleId !== undefined && ruleIds.has(o.ruleId) && passed.has(o.ruleId),
    );
    if (cases.length === 0) continue;
    refused += cases.length;
    for (const o of cases) rules.add(o.kind);
    pop.tokens.add(run.fingerprint);
    pop.requests.add(String(run.entry));
    const host = parseUrlParts(run.url).host;
    if (host) pop.hosts.add(host);
  }
  pop.phrase = refused
    ? `${plural(refused, 'tampered token')} a probe sent${onHosts(pop)} refused (${[...rules].join(', ')})`
    : '';
  return pop;
}
