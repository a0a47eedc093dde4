import type {
  CaptureSource,
  EntryListener,
  NavigatedListener,
  SourceEntry,
  StorageItem,
} from './capture-source';

/** Options of a replay source: what `backfill()` and `scanStorage()` answer. */
export interface ReplayOptions {
  /** Entries that "happened before the panel opened". */
  backfill?: SourceEntry[];
  storage?: StorageItem[];
  origin?: string;
}

/** A CaptureSource driven by hand: tests, HAR import and the harness page push entries with `emit`. */
export interface ReplaySource extends CaptureSource {
  /** Deliver one entry to every listener (only while connected). */
  emit(entry: unknown, requestId?: string): void;
  /** Deliver each entry in order. */
  replay(entries: readonly SourceEntry[]): void;
  /** Simulate a navigation of the inspected page. */
  navigate(url: string): void;
  /** Replace what `scanStorage()` answers. */
  setStorage(items: StorageItem[]): void;
  readonly connected: boolean;
}

type Listener = EntryListener | NavigatedListener;

/** Calls each listener in isolation: one throwing listener must not stop capture for the others. */
function callAll(listeners: Set<Listener>, args: [unknown, string] | [string]): void {
  for (const fn of [...listeners]) {
    try {
      (fn as (...a: unknown[]) => void)(...args);
    } catch {
      // Swallowed on purpose: a UI bug must not stop capture (STYLE.md, listeners are isolated).
    }
  }
}

/**
 * Creates a replay (fake) capture source.
 * @param entries - entries returned by `backfill()` (same as `options.backfill`, kept for brevity in tests).
 */
export function createReplaySource(entries: SourceEntry[] = [], options: ReplayOptions = {}): ReplaySource {
  const entryListeners = new Set<Listener>();
  const navListeners = new Set<Listener>();
  let storage = options.storage ?? [];
  let connected = false;
  let counter = 0;
  const source: ReplaySource = {
    get connected() {
      return connected;
    },
    connect: () => {
      connected = true;
    },
    disconnect: () => {
      connected = false;
    },
    on: (event: 'entry' | 'navigated', fn: Listener) => {
      const set = event === 'entry' ? entryListeners : navListeners;
      set.add(fn);
      return () => set.delete(fn);
    },
    backfill: async () => [...entries, ...(options.backfill ?? [])],
    scanStorage: async () => [...storage],
    pageOrigin: () => options.origin,
    emit: (entry, requestId) => {
      counter += 1;
      if (connected) callAll(entryListeners, [entry, requestId ?? `replay-${counter}`]);
    },
    replay: (list) => {
      for (const item of list) source.emit(item.entry, item.requestId);
    },
    navigate: (url) => {
      if (connected) callAll(navListeners, [url]);
    },
    setStorage: (items) => {
      storage = [...items];
    },
  };
  return source;
}
