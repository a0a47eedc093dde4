import { type ReadonlySignal, signal } from '@preact/signals';
import type { Baseline } from '../../core/baseline';
import type { Policy } from '../../core/types';
import type { BaselineEngine } from '../../worker/baseline-methods';
import type { BaselineStore } from '../capture-source';
import type { Download } from '../download';
import { createDriftRunner, type DriftHost, withoutDrift } from './drift-runner';
import type { ActionResult } from './input-actions';
import { plural } from './plural';

/** Largest baseline the panel keeps in `storage.local` (its quota is 10 MB, shared with the settings). */
export const MAX_BASELINE_BYTES = 2 * 1024 * 1024;

/** The file name the panel saves a baseline as: the CLI's (`-o jwt-baseline.json` in the README). */
export const BASELINE_FILENAME = 'jwt-baseline.json';

/** The baseline the panel keeps: parsed, with its file's text exactly as written or imported. */
export interface KeptBaseline {
  baseline: Baseline;
  text: string;
}

/** What the baseline model needs from the tokens model. */
export interface BaselineHost extends DriftHost {
  inputs(): string[];
}

export interface BaselineModelDeps {
  tokens: BaselineHost;
  engine: BaselineEngine;
  store: BaselineStore;
  download: Download;
  tool: { name: string; version: string };
  /** The policy drift is judged under (its `drift` thresholds). */
  policy: ReadonlySignal<Policy>;
  /** Waits for the worker's signature and secret checks of the tokens held, so a baseline sees them. */
  settleChecks?: () => Promise<void>;
  /** Runs `fn` after `ms`; returns a cancel function (tests pass a manual timer). */
  later?: (fn: () => void, ms: number) => () => void;
}

/** "Save as baseline", "Import baseline…", "Compare with baseline" and "Forget baseline". */
export interface BaselineModel {
  kept: ReadonlySignal<KeptBaseline | null>;
  comparing: ReadonlySignal<boolean>;
  /** The baseline drift is judged against right now (`null` when not comparing), for the compliance view. */
  active: ReadonlySignal<Baseline | null>;
  /** Reads the kept baseline from storage. */
  load(): Promise<void>;
  save(): Promise<ActionResult>;
  importFile(text: string, fileName: string): Promise<ActionResult>;
  compare(): Promise<ActionResult>;
  stopComparing(): ActionResult;
  forget(): Promise<ActionResult>;
  /** Recomputes drift now (after capture went quiet; tests call it). */
  refresh(): Promise<void>;
  dispose(): void;
}

const defaultLater = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Why a baseline is too large to keep (`is 3.1 MiB: …`), or undefined. */
function tooLarge(text: string): string | undefined {
  const bytes = byteLength(text);
  if (bytes <= MAX_BASELINE_BYTES) return undefined;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `is ${mib(bytes)}: the panel keeps a baseline of at most ${mib(MAX_BASELINE_BYTES)} (compare larger ones with jwt-lens scan --baseline)`;
}

/** `6 profiles from 9 tokens`, as the CLI says it. */
export function describeBaseline(baseline: Baseline): string {
  return `${plural(baseline.profiles.length, 'profile')} from ${plural(baseline.learnedFrom.tokens, 'token')}`;
}

/** Creates the model; nothing is read until `load()`. */
export function createBaselineModel(deps: BaselineModelDeps): BaselineModel {
  const kept = signal<KeptBaseline | null>(null);
  const comparing = signal(false);
  const drift = createDriftRunner({
    tokens: deps.tokens,
    engine: deps.engine,
    policy: deps.policy,
    later: deps.later ?? defaultLater,
  });
  const stop = () => {
    drift.stop();
    comparing.value = false;
  };
  /** Keeps a baseline (compared with at once while comparing); says why it could not be saved, if so. */
  const keep = async (next: KeptBaseline): Promise<string | undefined> => {
    kept.value = next;
    if (comparing.peek()) await drift.start(next.baseline).catch(() => undefined);
    try {
      await deps.store.save(next.text);
      return undefined;
    } catch {
      return 'it could not be saved in the browser: kept for this session only';
    }
  };

  return {
    kept,
    comparing,
    active: drift.active,
    async load() {
      let text: unknown;
      try {
        text = await deps.store.load();
      } catch {
        return;
      }
      if (typeof text !== 'string' || kept.peek()) return;
      const read = await deps.engine.readBaseline({ text, source: 'the saved baseline' }).catch(() => null);
      if (read && !('error' in read)) kept.value = read;
    },
    async save() {
      try {
        deps.tokens.flush();
        await deps.settleChecks?.();
        deps.tokens.flush();
        const learned = await deps.engine.learnBaseline({
          result: withoutDrift(deps.tokens.result.peek()),
          inputs: deps.tokens.inputs(),
          tool: deps.tool,
        });
        deps.download({ filename: BASELINE_FILENAME, mime: 'application/json', text: learned.text });
        const what = `${describeBaseline(learned.baseline)}; downloaded ${BASELINE_FILENAME}`;
        const large = tooLarge(learned.text);
        if (large) return { ok: false, error: `Learned ${what}, but the baseline ${large}` };
        const problem = await keep(learned);
        if (problem) return { ok: false, error: `Learned ${what}, but ${problem}` };
        return { ok: true, message: `Saved as baseline: ${what}` };
      } catch {
        return { ok: false, error: 'The baseline could not be learned.' };
      }
    },
    async importFile(text, fileName) {
      const large = tooLarge(text);
      if (large) return { ok: false, error: `${fileName} ${large}` };
      let read: Awaited<ReturnType<BaselineEngine['readBaseline']>>;
      try {
        read = await deps.engine.readBaseline({ text, source: fileName });
      } catch {
        return { ok: false, error: `${fileName}: could not be read` };
      }
      if ('error' in read) return { ok: false, error: read.error };
      const problem = await keep(read);
      const what = `${fileName} (${describeBaseline(read.baseline)})`;
      if (problem) return { ok: false, error: `Imported baseline ${what}, ${problem}` };
      return { ok: true, message: `Imported baseline ${what}` };
    },
    async compare() {
      const current = kept.peek();
      if (!current) return { ok: false, error: 'No baseline: save or import one first.' };
      comparing.value = true;
      try {
        await drift.start(current.baseline);
      } catch {
        return { ok: false, error: 'Comparing with the baseline: the drift could not be computed.' };
      }
      return { ok: true, message: `Comparing with the baseline: ${plural(drift.count(), 'drift finding')}` };
    },
    stopComparing() {
      stop();
      return { ok: true, message: 'Stopped comparing with the baseline' };
    },
    async forget() {
      stop();
      kept.value = null;
      try {
        await deps.store.remove();
      } catch {
        return { ok: false, error: 'The baseline could not be removed from the browser.' };
      }
      return { ok: true, message: 'Forgot the baseline' };
    },
    refresh: drift.refresh,
    dispose: drift.dispose,
  };
}
