import { batch, type ReadonlySignal, signal } from '@preact/signals';
import { createAuditor } from '../../core/audit';
import type { AuditResult, CaptureHit, CaptureResult, Policy, Sighting, TokenRecord } from '../../core/types';
import type { CaptureSource } from '../capture-source';
import { createCaptureQueue } from './capture-queue';
import { type Counters, createCounterStore } from './counters';
import { isRequestId, isSourceEntry } from './guards';
import { importHar } from './har-import';
import { FRAME_BUDGET_MS, MAX_OBSERVATIONS, MAX_PENDING_ENTRIES, MAX_SIGHTINGS, MAX_TOKENS } from './limits';
import { pastedSightings } from './pasted-sightings';
import { EMPTY_FILTERS, type Filters } from './rows';
import { createFrameScheduler, type Scheduler } from './scheduler';
import { storageSightings } from './storage-sightings';
import { createTokensView, type TokensView } from './tokens-view';

export interface TokensModelOptions {
  /** When to publish a batch of captured entries; default: once per animation frame. */
  scheduler?: Scheduler;
  /** Wall clock in milliseconds (expiry checks, frame budget); default `Date.now`. */
  now?: () => number;
  policy?: Policy;
  maxTokens?: number;
  maxSightings?: number;
  maxPending?: number;
}

export type ActionResult = { ok: true; message: string } | { ok: false; error: string };

/** The live audit behind the panel: capture → auditor → signals the components read. */
export interface TokensModel extends TokensView {
  result: ReadonlySignal<AuditResult>;
  /** Epoch seconds the current result was computed for (relative expiry is shown against it). */
  now: ReadonlySignal<number>;
  paused: ReadonlySignal<boolean>;
  preserve: ReadonlySignal<boolean>;
  filters: ReadonlySignal<Filters>;
  selected: ReadonlySignal<string | null>;
  counters: ReadonlySignal<Counters>;
  /** Recent capture problems (skipped entries…), newest last. */
  problems: ReadonlySignal<string[]>;
  connect(): Promise<void>;
  dispose(): void;
  setPaused(paused: boolean): void;
  setPreserve(preserve: boolean): void;
  clear(): void;
  select(fingerprint: string | null): void;
  setFilters(patch: Partial<Filters>): void;
  importHar(text: string): ActionResult;
  pasteToken(text: string): ActionResult;
  scanStorage(): Promise<ActionResult>;
  setPolicy(policy: Policy): void;
  /** Findings computed elsewhere (the worker's signature and secret checks). */
  addHits(hits: readonly CaptureHit[]): void;
  records(): readonly TokenRecord[];
  /** Re-evaluates time-dependent findings and relative expiry against the clock. */
  tick(): void;
  /** Captures and publishes everything pending now (before an export, and in tests). */
  flush(): void;
}

/**
 * Creates the tokens model over a capture source. Entries are captured a frame at a time and the UI is
 * updated at most once per frame; memory is bounded by the caps in `limits.ts`, and whatever is dropped
 * is counted. Call `connect()` to start listening (and to backfill what happened before the panel opened).
 */
export function createTokensModel(source: CaptureSource, options: TokensModelOptions = {}): TokensModel {
  const clock = options.now ?? Date.now;
  const schedule = options.scheduler ?? createFrameScheduler();
  const auditor = createAuditor({
    maxTokens: options.maxTokens ?? MAX_TOKENS,
    maxSightingsPerToken: options.maxSightings ?? MAX_SIGHTINGS,
    maxObservations: MAX_OBSERVATIONS,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const nowSeconds = () => Math.floor(clock() / 1000);
  const now = signal(nowSeconds());
  const result = signal<AuditResult>(auditor.result(now.value));
  const paused = signal(false);
  const preserve = signal(false);
  const filters = signal<Filters>(EMPTY_FILTERS);
  const selected = signal<string | null>(null);
  const counters = createCounterStore();
  const unsubscribe: Array<() => void> = [];
  const seq = { import: 0, paste: 0, scan: 0 };
  const scanned = new Set<string>();
  let publishQueued = false;

  const queue = createCaptureQueue({
    schedule,
    clock,
    budgetMs: FRAME_BUDGET_MS,
    maxPending: options.maxPending ?? MAX_PENDING_ENTRIES,
    pageOrigin: () => source.pageOrigin?.(),
    onCapture: add,
    onFrame: () => publish(),
  });

  function add(capture: CaptureResult): void {
    auditor.add(capture);
    counters.noteCapture(capture);
  }

  function publish(): void {
    publishQueued = false;
    const t = nowSeconds();
    batch(() => {
      now.value = t;
      result.value = auditor.result(t);
      counters.publish(auditor.stats());
    });
  }

  function publishSoon(): void {
    if (publishQueued) return;
    publishQueued = true;
    schedule(() => {
      if (publishQueued) publish();
    });
  }

  function onEntry(entry: unknown, requestId: unknown): void {
    if (!isRequestId(requestId)) return;
    if (paused.peek()) counters.notePausedDrop();
    else if (!queue.push({ entry, requestId })) counters.noteBurstDrop();
    else return;
    publishSoon();
  }

  function addManual(sightings: Sighting[], entryCount: number): void {
    queue.drain();
    add({ sightings, observations: [], keyDocuments: [], problems: [], entryCount });
    publish();
  }

  function clear(): void {
    queue.clear();
    auditor.clear();
    scanned.clear();
    counters.reset();
    selected.value = null;
    publish();
  }

  const model: TokensModel = {
    ...createTokensView(result, filters, selected),
    result,
    now,
    paused,
    preserve,
    filters,
    selected,
    counters: counters.state,
    problems: counters.problems,
    async connect() {
      unsubscribe.push(source.on('entry', onEntry));
      unsubscribe.push(source.on('navigated', (url) => typeof url === 'string' && !preserve.peek() && clear()));
      source.connect();
      let backlog: unknown;
      try {
        backlog = await source.backfill();
      } catch {
        backlog = [];
      }
      if (!Array.isArray(backlog)) return;
      for (const item of backlog) if (isSourceEntry(item)) onEntry(item.entry, item.requestId);
    },
    dispose() {
      for (const off of unsubscribe.splice(0)) off();
      source.disconnect();
    },
    setPaused: (value) => {
      paused.value = value;
    },
    setPreserve: (value) => {
      preserve.value = value;
    },
    clear,
    select: (fingerprint) => {
      selected.value = fingerprint;
    },
    setFilters: (patch) => {
      filters.value = { ...filters.value, ...patch };
    },
    importHar(text) {
      const capture = importHar(text, ++seq.import);
      if ('error' in capture) return { ok: false, error: capture.error };
      queue.drain();
      add(capture);
      publish();
      const tokens = new Set(capture.sightings.map((s) => s.tokenText)).size;
      return { ok: true, message: `Imported ${capture.entryCount} requests, ${tokens} tokens` };
    },
    pasteToken(text) {
      const sightings = pastedSightings(text, ++seq.paste, new Date(clock()).toISOString());
      const first = sightings[0];
      if (!first) return { ok: false, error: 'Nothing to audit: paste a token (at most 256 KiB).' };
      addManual(sightings, 0);
      const record = auditor.records().find((r) => r.token.text === first.tokenText.trim());
      if (record) selected.value = record.token.fingerprint;
      return { ok: true, message: `Added ${sightings.length} token${sightings.length === 1 ? '' : 's'}` };
    },
    async scanStorage() {
      let items: unknown;
      try {
        items = await source.scanStorage();
      } catch {
        return { ok: false, error: 'Could not read the page’s storage.' };
      }
      if (!Array.isArray(items)) return { ok: false, error: 'Could not read the page’s storage.' };
      const all = storageSightings(items, ++seq.scan, new Date(clock()).toISOString());
      const fresh = all.filter((s) => !scanned.has(`${s.name}\n${s.url}\n${s.tokenText}`));
      for (const s of fresh) scanned.add(`${s.name}\n${s.url}\n${s.tokenText}`);
      addManual(fresh, 0);
      const tokens = new Set(all.map((s) => s.tokenText)).size;
      return { ok: true, message: `Scanned ${items.length} storage items: ${tokens} tokens` };
    },
    setPolicy(policy) {
      auditor.setPolicy(policy);
      publish();
    },
    addHits(hits) {
      auditor.addHits(hits);
      publish();
    },
    records: () => auditor.records(),
    tick: publish,
    flush() {
      queue.drain();
      publish();
    },
  };
  return model;
}
