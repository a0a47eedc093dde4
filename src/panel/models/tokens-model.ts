import { batch, type ReadonlySignal, signal } from '@preact/signals';
import { createAuditor } from '../../core/audit';
import type {
  AuditResult,
  CaptureHit,
  CaptureResult,
  KeyDocument,
  Policy,
  TokenRecord,
} from '../../core/types';
import type { CaptureSource } from '../capture-source';
import { createCaptureInputs, liveInputName } from './capture-inputs';
import { createCaptureQueue } from './capture-queue';
import { type Counters, createCounterStore } from './counters';
import { createExchangeStore, type KeptExchange, probeableRequestIds } from './exchange-store';
import { isRequestId, isSourceEntry } from './guards';
import { type HarImporter, inPageHarImporter } from './har-file-import';
import { type ActionResult, createInputActions, type ImportFileOptions } from './input-actions';
import {
  FRAME_BUDGET_MS,
  FULL_PUBLISH_COST_FACTOR,
  FULL_PUBLISH_MIN_INTERVAL_MS,
  MAX_EXCHANGES,
  MAX_KEY_DOCUMENTS,
  MAX_OBSERVATIONS,
  MAX_PENDING_ENTRIES,
  MAX_SIGHTINGS,
  MAX_TOKENS,
  MIN_PUBLISH_INTERVAL_MS,
  PUBLISH_COST_FACTOR,
  SETTLE_MS,
} from './limits';
import type { TokenProbeResults } from './probe-report';
import { createProbeResults } from './probe-results';
import { EMPTY_FILTERS, type Filters } from './rows';
import { createTickScheduler, type Scheduler, TICK_MS } from './scheduler';
import { createTokensView, type TokensView } from './tokens-view';

export type { ActionResult } from './input-actions';

export interface TokensModelOptions {
  /** When to publish a batch of captured entries; default: once per tick (`createTickScheduler`). */
  scheduler?: Scheduler;
  /** Wall clock in milliseconds (expiry checks, frame budget); default `Date.now`. */
  now?: () => number;
  policy?: Policy;
  maxTokens?: number;
  maxSightings?: number;
  maxPending?: number;
  /** Where streamed HAR imports run; default: in this page. */
  importer?: HarImporter;
}

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
  /** Probe results imported from `jwt-lens probe` reports, by token fingerprint. */
  probeResults: ReadonlySignal<ReadonlyMap<string, TokenProbeResults>>;
  /** Subscribes to the source, connects it, and backfills what happened before the panel opened. */
  connect(): Promise<void>;
  dispose(): void;
  setPaused(paused: boolean): void;
  setPreserve(preserve: boolean): void;
  clear(): void;
  select(fingerprint: string | null): void;
  setFilters(patch: Partial<Filters>): void;
  /** Imports a HAR file (named `fileName` among the inputs), or a JWT Lens JSON report with probe results. */
  importHar(text: string, fileName?: string): ActionResult;
  /** Streams a HAR file in (or reads a small probe report), with progress and Cancel. */
  importFile(file: Blob, options?: ImportFileOptions): Promise<ActionResult>;
  pasteToken(text: string): ActionResult;
  scanStorage(): Promise<ActionResult>;
  setPolicy(policy: Policy): void;
  /** Findings computed elsewhere (the worker's signature and secret checks). */
  addHits(hits: readonly CaptureHit[]): void;
  /** Drops the findings computed elsewhere that `match` picks and adds `hits` (drift, recomputed). */
  replaceHits(match: (hit: CaptureHit) => boolean, hits: readonly CaptureHit[]): void;
  /**
   * What the capture came from, as a baseline names its inputs: imported HAR files by name, the live page,
   * pasted tokens, web storage; emptied by Clear.
   */
  inputs(): string[];
  records(): readonly TokenRecord[];
  /**
   * The raw request a sighting came from, while the panel keeps it (recent requests that carried a token a
   * probe can change, live or imported; bounded, in memory only, dropped on Clear). Holds the raw token.
   */
  exchange(requestId: string): KeptExchange | undefined;
  /**
   * The key sets and discovery documents captured (live or imported), for the worker's signature checks;
   * the same array until one is added or the panel is cleared.
   */
  keyDocuments(): readonly KeyDocument[];
  /** Re-evaluates time-dependent findings and relative expiry against the clock. */
  tick(): void;
  /** Captures and publishes everything pending now (before an export, and in tests). */
  flush(): void;
}

/**
 * During traffic the counters move at most this often, ms, as the list does (the trailing publish shows
 * the last): each change lays out and paints the status bar, which at 20 a second was a tenth of the
 * panel's time.
 */
const COUNTER_INTERVAL_MS = MIN_PUBLISH_INTERVAL_MS;

/**
 * Creates the tokens model over a capture source. Entries are captured a tick at a time; during traffic
 * the UI is updated at most every `MIN_PUBLISH_INTERVAL_MS` (drafts, then the exact result once capture is
 * quiet). Memory is bounded by the caps in `limits.ts`, and whatever is dropped is counted. Nothing
 * happens until `connect()`.
 */
export function createTokensModel(source: CaptureSource, options: TokensModelOptions = {}): TokensModel {
  const clock = options.now ?? Date.now;
  const schedule = options.scheduler ?? createTickScheduler();
  const auditor = createAuditor({
    maxTokens: options.maxTokens ?? MAX_TOKENS,
    maxSightingsPerToken: options.maxSightings ?? MAX_SIGHTINGS,
    maxObservations: MAX_OBSERVATIONS,
    maxExchanges: MAX_EXCHANGES,
    maxKeyDocuments: MAX_KEY_DOCUMENTS,
    shareDetails: true,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const seconds = () => Math.floor(clock() / 1000);
  const now = signal(seconds());
  const result = signal<AuditResult>(auditor.result(now.value));
  const state = { paused: signal(false), preserve: signal(false), publishQueued: false };
  const filters = signal<Filters>(EMPTY_FILTERS);
  const selected = signal<string | null>(null);
  const counters = createCounterStore();
  const exchanges = createExchangeStore();
  const probes = createProbeResults();
  const inputNames = createCaptureInputs();
  const unsubscribe: Array<() => void> = [];

  const add = (capture: CaptureResult) => {
    auditor.add(capture);
    counters.noteCapture(capture);
  };
  /** Keeps a live request for "Probe this request…" when it carried a token a probe can change. */
  const keepLive = (capture: CaptureResult, item: { entry: unknown } | undefined) => {
    if (!item || capture.sightings.length === 0) return;
    for (const id of probeableRequestIds(capture.sightings)) exchanges.keep(id, item.entry);
  };
  const pace = {
    lastEnd: Number.NEGATIVE_INFINITY,
    cost: 0,
    countersAt: Number.NEGATIVE_INFINITY,
    /** When the last exact (not draft) result was published, and what it cost. */
    fullEnd: Number.NEGATIVE_INFINITY,
    fullCost: 0,
    /** When capture or the worker last changed something (a draft is made exact once this is old). */
    activityAt: Number.NEGATIVE_INFINITY,
  };
  /** A publish owed after the last captured frame, made on the first frame at which it is due. */
  const trailing = { queued: false };
  /** An exact publish owed once capture goes quiet, after a draft (see `publishLive`). */
  const settle = { armed: false, ticks: 0 };
  /** Publishes the exact result, or with `draft` the auditor's cheaper draft (`Auditor.draft`). */
  const publish = (draft = false) => {
    state.publishQueued = false;
    trailing.queued = false;
    const start = clock();
    batch(() => {
      now.value = Math.floor(start / 1000);
      result.value = draft ? auditor.draft(now.peek()) : auditor.result(now.peek());
      counters.publish(auditor.stats());
    });
    pace.lastEnd = clock();
    pace.cost = pace.lastEnd - start;
    if (draft) settleWhenQuiet();
    else {
      settle.armed = false;
      pace.fullEnd = pace.lastEnd;
      pace.fullCost = pace.cost;
    }
  };
  /**
   * Calls `done` on each coming tick with the ticks counted so far (1, 2, …) until it returns true. Ticks
   * are counted as well as time, so a frozen clock (tests, a throttled tab) still gets there.
   */
  const untilTick = (done: (ticks: number) => boolean): void => {
    let ticks = 0;
    const check = () => {
      if (!done(++ticks)) schedule(check);
    };
    schedule(check);
  };
  /**
   * Makes the result exact once capture has been quiet for `SETTLE_MS` (ticks are counted too, for a
   * frozen clock), so what the panel shows after a burst is never a draft.
   */
  const settleWhenQuiet = () => {
    if (settle.armed) return;
    settle.armed = true;
    settle.ticks = 0;
    untilTick(() => {
      if (!settle.armed) return true;
      settle.ticks++;
      const quiet = clock() - pace.activityAt >= SETTLE_MS || settle.ticks >= Math.ceil(SETTLE_MS / TICK_MS);
      if (!quiet || queue.pending > 0) return false;
      publish();
      return true;
    });
  };
  const noteActivity = () => {
    pace.activityAt = clock();
    settle.ticks = 0;
  };
  /**
   * A publish during traffic: the exact result when one is due (its own cost paces it, as drafts are
   * paced by theirs), else a draft, whose capture-wide findings and lifecycle wait for the next exact one.
   */
  const publishLive = () => {
    const fullDue =
      clock() - pace.fullEnd >=
      Math.max(FULL_PUBLISH_MIN_INTERVAL_MS, pace.fullCost * FULL_PUBLISH_COST_FACTOR);
    publish(!fullDue);
  };
  const dueMs = () => Math.max(MIN_PUBLISH_INTERVAL_MS, pace.cost * PUBLISH_COST_FACTOR);
  const isDue = () => clock() - pace.lastEnd >= dueMs();
  const publishWhenDue = () => {
    if (trailing.queued) return;
    trailing.queued = true;
    untilTick((waited) => {
      if (!trailing.queued) return true;
      if (!isDue() && waited < Math.ceil(dueMs() / TICK_MS)) return false;
      trailing.queued = false;
      publishLive();
      return true;
    });
  };
  /**
   * The full result is republished only when it is due — also when the queue runs dry, which with steady
   * traffic happens every frame: republishing then would redo the whole audit result per request (O(n²)
   * over a session). The counters move every frame; a trailing publish shows the last entries.
   */
  const afterFrame = () => {
    noteActivity();
    if (isDue()) publishLive();
    else {
      // Counters at most every COUNTER_INTERVAL_MS: each change re-renders the status bar; at 60
      // frames a second that was a cost on every request.
      if (clock() - pace.countersAt >= COUNTER_INTERVAL_MS) {
        pace.countersAt = clock();
        counters.publish(auditor.stats());
      }
      publishWhenDue();
    }
  };
  const queue = createCaptureQueue({
    schedule,
    clock,
    budgetMs: FRAME_BUDGET_MS,
    maxPending: options.maxPending ?? MAX_PENDING_ENTRIES,
    pageOrigin: () => source.pageOrigin?.(),
    onCapture: (capture, item) => {
      if (capture.sightings.length > 0) inputNames.note(liveInputName(source.pageOrigin?.()));
      add(capture);
      keepLive(capture, item);
    },
    onFrame: afterFrame,
  });
  const inputs = createInputActions({
    source,
    clock,
    addNow: (capture) => {
      queue.drain();
      add(capture);
      publish();
    },
    fingerprintOf: (text) => auditor.records().find((r) => r.token.text === text.trim())?.token.fingerprint,
    select: (fp) => {
      selected.value = fp;
    },
    keepExchange: exchanges.keep,
    addImported: (batch) => {
      add(batch.capture);
      for (const item of batch.kept) exchanges.add(item.requestId, item.exchange);
      afterFrame();
    },
    importer: options.importer ?? inPageHarImporter,
    publish,
    noteInput: inputNames.note,
    addProbeReport: (report) => {
      const held = new Set(auditor.records().map((r) => r.token.fingerprint));
      const { select, ...outcome } = probes.add(report, (fp) => held.has(fp));
      if (select) selected.value = select;
      return outcome;
    },
  });

  /**
   * Counters change between frames while paused or in a burst; show them on the next frame (the counters
   * only: nothing was captured, and an overflowing burst must not rebuild the result every frame).
   */
  const publishSoon = () => {
    if (state.publishQueued) return;
    state.publishQueued = true;
    schedule(() => {
      if (!state.publishQueued) return;
      state.publishQueued = false;
      counters.publish(auditor.stats());
    });
  };
  const onEntry = (entry: unknown, requestId: unknown) => {
    if (!isRequestId(requestId)) return;
    if (state.paused.peek()) counters.notePausedDrop();
    else if (!queue.push({ entry, requestId })) counters.noteBurstDrop();
    else return;
    publishSoon();
  };
  const clear = () => {
    queue.clear();
    auditor.clear();
    inputs.reset();
    counters.reset();
    exchanges.clear();
    probes.clear();
    inputNames.reset();
    selected.value = null;
    publish();
  };
  const connect = async () => {
    unsubscribe.push(source.on('entry', onEntry));
    unsubscribe.push(source.on('navigated', () => state.preserve.peek() || clear()));
    source.connect();
    let backlog: unknown = [];
    try {
      backlog = await source.backfill();
    } catch {
      // No backfill (DevTools refused getHAR): live capture still works.
    }
    if (Array.isArray(backlog))
      for (const item of backlog) if (isSourceEntry(item)) onEntry(item.entry, item.requestId);
  };

  return {
    ...createTokensView(result, filters, selected),
    result,
    now,
    paused: state.paused,
    preserve: state.preserve,
    filters,
    selected,
    counters: counters.state,
    problems: counters.problems,
    probeResults: probes.byToken,
    connect,
    dispose() {
      for (const off of unsubscribe.splice(0)) off();
      source.disconnect();
      exchanges.clear();
    },
    setPaused: (value) => {
      state.paused.value = value;
    },
    setPreserve: (value) => {
      state.preserve.value = value;
    },
    clear,
    select: (fingerprint) => {
      selected.value = fingerprint;
    },
    setFilters: (patch) => {
      filters.value = { ...filters.peek(), ...patch };
    },
    importHar: inputs.importHar,
    importFile: inputs.importFile,
    pasteToken: inputs.pasteToken,
    scanStorage: inputs.scanStorage,
    setPolicy: (policy) => {
      auditor.setPolicy(policy);
      publish();
    },
    addHits: (hits) => {
      auditor.addHits(hits);
      noteActivity();
      // The worker answers during traffic too: its findings wait for the next due publish, like captures.
      if (isDue()) publishLive();
      else publishWhenDue();
    },
    replaceHits: (match, hits) => {
      auditor.removeHits(match);
      auditor.addHits(hits);
      publish();
    },
    inputs: inputNames.list,
    records: () => auditor.records(),
    exchange: (requestId) => exchanges.get(requestId),
    keyDocuments: () => auditor.keyDocuments(),
    tick: publish,
    flush: () => {
      queue.drain();
      publish();
    },
  };
}
