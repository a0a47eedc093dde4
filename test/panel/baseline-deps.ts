import type { BaselineStore } from '../../src/panel/capture-source';
import { type BaselineEngine, baselineMethods } from '../../src/worker/baseline-methods';

/** The worker's baseline methods, called in-process (what the extension runs in the core worker). */
export function localBaselineEngine(): BaselineEngine {
  return {
    learnBaseline: async (params) => baselineMethods.learnBaseline(structuredClone(params)),
    readBaseline: async (params) => baselineMethods.readBaseline(params),
    driftHits: async (params) => baselineMethods.driftHits(structuredClone(params)),
  };
}

/** An in-memory `storage.local` slot for the baseline; `value` is what was saved. */
export function memoryBaselineStore(initial?: unknown): BaselineStore & { value: unknown } {
  const store = {
    value: initial,
    load: async () => store.value,
    save: async (text: string) => {
      store.value = text;
    },
    remove: async () => {
      store.value = undefined;
    },
  };
  return store;
}
