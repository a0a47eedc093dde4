/**
 * The one seam between the panel UI and the browser. The devtools glue (`src/devtools/`) implements it with
 * `devtools.network` / `devtools.inspectedWindow`; `createReplaySource` implements it for tests, HAR import and the
 * harness page. Everything crossing it is plain, untrusted data: the panel guards every value it receives.
 */

/** A HAR entry together with the id the panel uses to group its sightings. */
export interface SourceEntry {
  /** A HAR 1.2 entry (plain JSON). Untrusted: the core capture validates it. */
  entry: unknown;
  /** Unique per request within the session (the glue may use a counter). */
  requestId: string;
}

/** One key/value read from the inspected page's web storage. */
export interface StorageItem {
  area: 'localStorage' | 'sessionStorage';
  key: string;
  value: string;
  /** Origin of the inspected page the storage belongs to. */
  origin: string;
}

export type EntryListener = (entry: unknown, requestId: string) => void;
export type NavigatedListener = (url: string) => void;

/** Live capture as the panel sees it. Listeners are called synchronously; a throwing listener must not stop others. */
export interface CaptureSource {
  /** Start listening to the browser. Idempotent. */
  connect(): void;
  /** Stop listening and drop all listeners' subscriptions to the browser. Idempotent. */
  disconnect(): void;
  /** Subscribe; returns the unsubscribe function. */
  on(event: 'entry', fn: EntryListener): () => void;
  on(event: 'navigated', fn: NavigatedListener): () => void;
  /** Requests made before the panel opened (`devtools.network.getHAR()`); `[]` when unavailable. */
  backfill(): Promise<SourceEntry[]>;
  /** The inspected page's local/session storage, read on user request; `[]` when unavailable. */
  scanStorage(): Promise<StorageItem[]>;
  /** Origin of the inspected page, when known (used as the initiator of captured requests). */
  pageOrigin?(): string | undefined;
}

/** Persisted user settings (the glue backs it with `storage.local`). Values loaded are untrusted. */
export interface SettingsStore {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

/** The one baseline the panel keeps (the glue backs it with `storage.local`): its file's text. */
export interface BaselineStore {
  /** The text saved last, or anything an older version wrote: untrusted. */
  load(): Promise<unknown>;
  save(text: string): Promise<void>;
  remove(): Promise<void>;
}
