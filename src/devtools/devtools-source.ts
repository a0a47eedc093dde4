import type { CaptureSource, StorageItem } from '../panel/capture-source';
import { isContentWanted, toPlainEntry } from './har-entry';
import {
  ORIGIN_EXPRESSION,
  parseOrigin,
  parseStorageItems,
  STORAGE_SCAN_EXPRESSION,
  unwrapEvalResult,
} from './inspected-eval';
import { createListenerSets } from './listener-sets';
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

async function evalInPage(api: DevtoolsApi, expression: string): Promise<unknown> {
  try {
    return unwrapEvalResult(await api.inspectedWindow.eval(expression));
  } catch {
    return undefined;
  }
}

/** Identifies a request across the live stream and `getHAR()` (which share no id). */
function requestKey(entry: Record<string, unknown>): string {
  const request = entry.request as { method?: unknown; url?: unknown } | undefined;
  return `${String(entry.startedDateTime)} ${String(request?.method)} ${String(request?.url)}`;
}

/**
 * The live capture source, running in the panel page. Requests made before the panel was first shown are
 * recovered with `getHAR()` rather than buffered in the devtools page: DevTools' own network log already is
 * that buffer, so we keep no second copy of bodies in memory and need no channel between the two pages.
 * A request that finishes while the backfill runs is in both; the backfill skips it, so it is never
 * counted twice (which would look like a refresh token presented twice).
 */
export function createDevtoolsSource(api: DevtoolsApi): CaptureSource {
  const listeners = createListenerSets();
  const limit = createLimiter(CONTENT_CONCURRENCY);
  const state = { connected: false, counter: 0, origin: undefined as string | undefined };
  let liveKeys: Set<string> | null = new Set(); // kept only until the first backfill is done

  const withContent = async (request: unknown): Promise<Record<string, unknown> | null> => {
    const content = isContentWanted(request)
      ? await limit(() => readContent(request as ContentRequest))
      : null;
    return toPlainEntry(request, content);
  };
  const refreshOrigin = (): void => {
    void evalInPage(api, ORIGIN_EXPRESSION).then((value) => {
      state.origin = parseOrigin(value) ?? state.origin;
    });
  };
  const onFinished = (request: unknown): void => {
    const requestId = `live-${++state.counter}`;
    void withContent(request).then((entry) => {
      if (!state.connected || !entry) return;
      liveKeys?.add(requestKey(entry));
      listeners.emitEntry(entry, requestId);
    });
  };
  const onNavigated = (url: string): void => {
    refreshOrigin();
    if (state.connected) listeners.emitNavigated(String(url));
  };
  const events = [
    [api.network.onRequestFinished, onFinished],
    [api.network.onNavigated, onNavigated],
  ] as Array<[BrowserEvent<(value: never) => void>, (value: never) => void]>;

  return {
    connect() {
      if (state.connected) return;
      state.connected = true;
      for (const [event, fn] of events) event.addListener(fn);
      refreshOrigin();
    },
    disconnect() {
      if (!state.connected) return;
      state.connected = false;
      for (const [event, fn] of events) event.removeListener(fn);
    },
    on: listeners.on as CaptureSource['on'],
    async backfill() {
      const items = await backfillFrom(api, withContent);
      const seen = liveKeys ?? new Set<string>();
      liveKeys = null;
      return items.filter((item) => !seen.has(requestKey(item.entry as Record<string, unknown>)));
    },
    async scanStorage(): Promise<StorageItem[]> {
      return parseStorageItems(await evalInPage(api, STORAGE_SCAN_EXPRESSION));
    },
    pageOrigin: () => state.origin,
  };
}

async function backfillFrom(
  api: DevtoolsApi,
  withContent: (request: unknown) => Promise<Record<string, unknown> | null>,
): Promise<Array<{ entry: Record<string, unknown>; requestId: string }>> {
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
