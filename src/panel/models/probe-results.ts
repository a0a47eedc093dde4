import { type ReadonlySignal, signal } from '@preact/signals';
import type { ActionResult } from './input-actions';
import { plural } from './plural';
import type { ProbeReportRead, TokenProbeResults } from './probe-report';

/** Tokens a session holds probe results for at most (each import replaces its tokens' results). */
export const MAX_PROBED_TOKENS = 1000;

/** Probe results imported from reports, by token fingerprint; dropped on Clear like the tokens. */
export interface ProbeResults {
  byToken: ReadonlySignal<ReadonlyMap<string, TokenProbeResults>>;
  /** Adds a report's results; `isHeld` tells which fingerprints the panel holds a token for. */
  add(report: ProbeReportRead, isHeld: (fingerprint: string) => boolean): ActionResult & { select?: string };
  clear(): void;
}

/** Creates the store of imported probe results. */
export function createProbeResults(): ProbeResults {
  const byToken = signal<ReadonlyMap<string, TokenProbeResults>>(new Map());
  return {
    byToken,
    add(report, isHeld) {
      const next = new Map(byToken.peek());
      for (const [fingerprint, results] of report.byToken) {
        next.delete(fingerprint); // re-inserted last: the newest import is evicted last
        next.set(fingerprint, results);
      }
      while (next.size > MAX_PROBED_TOKENS) next.delete(next.keys().next().value as string);
      byToken.value = next;
      const fingerprints = [...report.byToken.keys()];
      const held = fingerprints.filter(isHeld);
      const missing = fingerprints.length - held.length;
      const message =
        `Imported probe report: ${plural(report.runCount, 'run')}, ${plural(report.findingCount, 'finding')} ` +
        `on ${plural(held.length, 'token')}${missing > 0 ? ` (${missing} not in the panel)` : ''}`;
      return held[0] ? { ok: true, message, select: held[0] } : { ok: true, message };
    },
    clear() {
      byToken.value = new Map();
    },
  };
}
