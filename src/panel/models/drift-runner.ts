import { effect, type ReadonlySignal, signal } from '@preact/signals';
import type { Baseline } from '../../core/baseline';
import type { AuditResult, CaptureHit, Policy } from '../../core/types';
import type { BaselineEngine } from '../../worker/baseline-methods';
import { isDriftHit, isDriftRule } from './drift';

/** Drift is recomputed once capture has been quiet this long, ms (like the worker's other checks). */
export const DRIFT_QUIET_MS = 500;

/** What the drift runner needs from the tokens model. */
export interface DriftHost {
  result: ReadonlySignal<AuditResult>;
  flush(): void;
  replaceHits(match: (hit: CaptureHit) => boolean, hits: readonly CaptureHit[]): void;
}

export interface DriftRunnerDeps {
  tokens: DriftHost;
  engine: Pick<BaselineEngine, 'driftHits'>;
  policy: ReadonlySignal<Policy>;
  /** Runs `fn` after `ms`; returns a cancel function. */
  later: (fn: () => void, ms: number) => () => void;
}

/** The comparison with a baseline: drift findings kept up to date with the capture and the policy. */
export interface DriftRunner {
  /** The baseline compared with, `null` when not comparing. */
  active: ReadonlySignal<Baseline | null>;
  /** Compares with `baseline` (or switches to it) and resolves once its drift is shown; rejects if it failed. */
  start(baseline: Baseline): Promise<void>;
  /** Drops the drift findings and stops watching. */
  stop(): void;
  /** Recomputes drift now; never rejects (a failed run leaves the findings as they were). */
  refresh(): Promise<void>;
  /** Drift findings shown now. */
  count(): number;
  dispose(): void;
}

/** The audit without drift findings: what drift (and learning) is computed over. */
export function withoutDrift(result: AuditResult): AuditResult {
  return { ...result, findings: result.findings.filter((f) => !isDriftRule(f.ruleId)) };
}

/**
 * Creates the runner. Drift runs in the engine (the core worker) over the whole audit, since the rates
 * and the unknown issuers depend on every token; the hits replace the previous ones only when they
 * changed, so publishing them (which changes the result, and re-arms the watch) settles at once.
 */
export function createDriftRunner(deps: DriftRunnerDeps): DriftRunner {
  const active = signal<Baseline | null>(null);
  const state = { shown: '[]', count: 0, running: null as Promise<void> | null, again: false };
  let cancel: (() => void) | undefined;
  let stopWatch: (() => void) | undefined;

  const apply = (hits: CaptureHit[]) => {
    const text = JSON.stringify(hits);
    if (text === state.shown) return;
    state.shown = text;
    state.count = hits.length;
    deps.tokens.replaceHits(isDriftHit, hits);
  };
  const run = async () => {
    const baseline = active.peek();
    if (!baseline) return;
    deps.tokens.flush();
    const hits = await deps.engine.driftHits({
      result: withoutDrift(deps.tokens.result.peek()),
      baseline,
      policy: deps.policy.peek(),
    });
    // Stopped or switched while the worker worked: those hits are for a comparison no longer shown.
    if (active.peek() === baseline) apply(hits);
  };
  const refresh = async (): Promise<void> => {
    if (state.running) {
      state.again = true;
      return state.running;
    }
    state.running = run()
      .catch(() => undefined)
      .finally(() => {
        state.running = null;
        if (state.again) {
          state.again = false;
          void refresh();
        }
      });
    return state.running;
  };
  const watch = () => {
    if (stopWatch) return;
    stopWatch = effect(() => {
      void deps.tokens.result.value;
      void deps.policy.value;
      cancel?.();
      cancel = deps.later(() => void refresh(), DRIFT_QUIET_MS);
    });
  };
  const unwatch = () => {
    stopWatch?.();
    stopWatch = undefined;
    cancel?.();
  };
  return {
    active,
    async start(baseline) {
      active.value = baseline;
      watch();
      // Directly, not through `refresh`: a failure here is the user's answer, not a silent retry.
      while (state.running) await state.running;
      await run();
    },
    stop() {
      unwatch();
      active.value = null;
      state.shown = '[]';
      state.count = 0;
      deps.tokens.replaceHits(isDriftHit, []);
    },
    refresh,
    count: () => state.count,
    dispose: unwatch,
  };
}
