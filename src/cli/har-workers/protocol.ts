import type { ExportSummary } from '../../core/capture/export-summary';
import type { StringCut } from '../../core/capture/string-cut';
import type { CaptureResult } from '../../core/types';

/** One entry of a batch: its bytes in the batch buffer, its index in `log.entries`, its file offset. */
export interface BatchItem {
  index: number;
  start: number;
  end: number;
  offset: number;
  cuts?: readonly StringCut[];
}

/** An entry as a worker gives it back: captured, or why it could not be read (a problem line). */
/** One entry captured off the main thread, with what the whole-file checks need of it (`ExportSummary`). */
export type CapturedItem =
  | { one: CaptureResult; pageref: string | undefined; summary: ExportSummary }
  | { problem: string };

/** Main thread → capture worker: `log.pages` (page origins for the entries that follow), or a batch. */
export type ToCaptureWorker =
  | { type: 'pages'; pages: unknown }
  | { type: 'batch'; id: number; buffer: ArrayBuffer; items: BatchItem[] };

/** Capture worker → main thread: the batch's entries in order, or the error that stopped it. */
export type FromCaptureWorker = { id: number; entries: CapturedItem[] } | { id: number; error: string };
