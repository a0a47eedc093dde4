import type { EntryListener, NavigatedListener } from '../panel/capture-source';

/** The subscriber lists of a capture source, with isolated delivery. */
export interface ListenerSets {
  on(event: 'entry' | 'navigated', fn: EntryListener | NavigatedListener): () => void;
  emitEntry(entry: unknown, requestId: string): void;
  emitNavigated(url: string): void;
}

function callAll(listeners: ReadonlySet<(...args: never[]) => void>, args: unknown[]): void {
  for (const fn of [...listeners]) {
    try {
      (fn as (...a: unknown[]) => void)(...args);
    } catch {
      // A throwing listener must not stop capture for the others (capture-source.ts contract).
    }
  }
}

/** Creates the `entry` and `navigated` subscriber lists of a capture source. */
export function createListenerSets(): ListenerSets {
  const entries = new Set<EntryListener>();
  const navigations = new Set<NavigatedListener>();
  return {
    on(event, fn) {
      const set = (event === 'entry' ? entries : navigations) as Set<typeof fn>;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    emitEntry: (entry, requestId) => callAll(entries, [entry, requestId]),
    emitNavigated: (url) => callAll(navigations, [url]),
  };
}
