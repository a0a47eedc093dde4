import type {
  CaptureSource,
  EntryListener,
  NavigatedListener,
  SourceEntry,
  StorageItem,
} from '../panel/capture-source';
import { isContentWanted, toPlainEntry } from './har-entry';
import {
  ORIGIN_EXPRESSION,
  parseOrigin,
  parseStorageItems,
  STORAGE_SCAN_EXPRESSION,
  unwrapEvalResult,
} from './inspected-eval';
import { type ContentRequest, createLimiter, readContent } from './read-content';

/** The part of `browser.devtools` the source uses (a fake in unit tests). */
export interface DevtoolsApi {
  network: {
    onRequestFinished: BrowserEvent<(request: unknown) => void>;
    onNavigated: BrowserEvent<(url: string) => void>;
    getHAR(): Promise<unknown>;
  };
  inspectedWindow: { eval(expression: string): Promise<unknown> };
}

interface BrowserEvent<T> {
  addListener(fn: T): void;
  removeListener(fn: T): void;
}

/** Bodies read at once; DevTools answers each `getContent` over one message channel. */
const CONTENT_CONCURRENCY = 4;

function callAll(listeners: ReadonlySet<(...args: never[]) => void>, args: unknown[]): void {
  for (const fn of [...listeners]) {
    try {
      (fn as (...a: unknown[]) => void)(...args);
    } catch {
      // A throwing listener must not stop capture for the others (capture-source.ts contract).
    }
  }
}

async function evalInPage(api: DevtoolsApi, expression: string): Promise<unknown> {
  try {
    return unwrapEvalResult(await api.inspectedWindow.eval(expression));
  } catch {
    return undefined;
  }
}

/**
 * The live capture source, running in the panel page. Requests made before the panel was first shown are
 * recovered with `getHAR()` rather than buffered in the devtools page: DevTools' own network log already is
 * that buffer, so we keep no second copy of bodies in memory and need no channel between the two pages.
 */
export function createDevtoolsSource(api: DevtoolsApi): CaptureSource {
  const entryListeners = new Set<EntryListener>();
  const navListeners = new Set<NavigatedListener>();
  const limit = createLimiter(CONTENT_CONCURRENCY);
  let connected = false;
  let counter = 0;
  let origin: string | undefined;

  const withContent = async (request: unknown): Promise<Record<string, unknown> | null> => {
    const content = isContentWanted(request) ? await limit(() => readContent(request as ContentRequest)) : null;
    return toPlainEntry(request, content);
  };
  const refreshOrigin = (): void => {
    void evalInPage(api, ORIGIN_EXPRESSION).then((value) => {
      origin = parseOrigin(value) ?? origin;
    });
  };
  const onFinished = (request: unknown): void => {
    counter += 1;
    const requestId = `live-${counter}`;
    void withContent(request).then((entry) => {
      if (connected && entry) callAll(entryListeners, [entry, requestId]);
    });
  };
  const onNavigated = (url: string): void => {
    refreshOrigin();
    if (connected) callAll(navListeners, [String(url)]);
  };

  return {
    connect() {
      if (connected) return;
      connected = true;
      api.network.onRequestFinished.addListener(onFinished);
      api.network.onNavigated.addListener(onNavigated);
      refreshOrigin();
    },
    disconnect() {
      if (!connected) return;
      connected = false;
      api.network.onRequestFinished.removeListener(onFinished);
      api.network.onNavigated.removeListener(onNavigated);
    },
    on(event: 'entry' | 'navigated', fn: EntryListener | NavigatedListener) {
      const set = (event === 'entry' ? entryListeners : navListeners) as Set<typeof fn>;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    backfill: () => backfillFrom(api, withContent),
    async scanStorage(): Promise<StorageItem[]> {
      return parseStorageItems(await evalInPage(api, STORAGE_SCAN_EXPRESSION));
    },
    pageOrigin: () => origin,
  };
}

async function backfillFrom(
  api: DevtoolsApi,
  withContent: (request: unknown) => Promise<Record<string, unknown> | null>,
): Promise<SourceEntry[]> {
  let log: unknown;
  try {
    log = await api.network.getHAR();
  } catch {
    return [];
  }
  const entries = (log as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  const plain = await Promise.all(entries.map(withContent));
  return plain.flatMap((entry, index) => (entry ? [{ entry, requestId: `har-${index + 1}` }] : []));
}
