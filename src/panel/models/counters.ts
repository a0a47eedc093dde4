import { type ReadonlySignal, signal } from '@preact/signals';
import type { AuditorStats } from '../../core/audit';
import type { CaptureResult } from '../../core/types';
import { MAX_PROBLEMS } from './limits';

/** What the status bar shows. Every kind of drop is counted separately and summed in `dropped`. */
export interface Counters {
  /** Requests captured (live, backfilled or imported). */
  entries: number;
  tokens: number;
  sightings: number;
  /** Oldest tokens evicted past MAX_TOKENS. */
  droppedTokens: number;
  /** Sightings dropped past MAX_SIGHTINGS per token, or with an evicted token. */
  droppedSightings: number;
  /** Requests ignored because capture was paused. */
  droppedPaused: number;
  /** Requests dropped because a burst overflowed the pending queue. */
  droppedBurst: number;
  /** The sum of the four drop counters: the visible "N dropped". */
  dropped: number;
}

/** Counts between frames in plain variables and publishes them to signals once per frame. */
export interface CounterStore {
  state: ReadonlySignal<Counters>;
  problems: ReadonlySignal<string[]>;
  noteCapture(capture: CaptureResult): void;
  notePausedDrop(): void;
  noteBurstDrop(): void;
  publish(stats: AuditorStats): void;
  reset(): void;
}

const ZERO: Counters = {
  entries: 0,
  tokens: 0,
  sightings: 0,
  droppedTokens: 0,
  droppedSightings: 0,
  droppedPaused: 0,
  droppedBurst: 0,
  dropped: 0,
};

/** Creates the counter store. */
export function createCounterStore(): CounterStore {
  const state = signal<Counters>(ZERO);
  const problems = signal<string[]>([]);
  let entries = 0;
  let paused = 0;
  let burst = 0;
  let lines: string[] = [];
  let linesChanged = false;
  return {
    state,
    problems,
    noteCapture(capture) {
      entries += capture.entryCount;
      if (capture.problems.length === 0) return;
      lines = lines.concat(capture.problems).slice(-MAX_PROBLEMS);
      linesChanged = true;
    },
    notePausedDrop: () => {
      paused++;
    },
    noteBurstDrop: () => {
      burst++;
    },
    publish(stats) {
      const { droppedTokens, droppedSightings } = stats;
      const dropped = droppedTokens + droppedSightings + paused + burst;
      state.value = {
        entries,
        tokens: stats.tokens,
        sightings: stats.sightings,
        droppedTokens,
        droppedSightings,
        droppedPaused: paused,
        droppedBurst: burst,
        dropped,
      };
      if (linesChanged) problems.value = lines;
      linesChanged = false;
    },
    reset() {
      entries = 0;
      paused = 0;
      burst = 0;
      lines = [];
      linesChanged = true;
    },
  };
}
