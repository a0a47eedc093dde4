import type { OutStream } from './io';

/** Files above this size get progress on a terminal: below it a scan takes well under a second. */
export const PROGRESS_THRESHOLD = 10 * 1024 * 1024;

/** Progress lines for a long scan, rewritten in place on stderr. */
export interface Progress {
  /** False when nothing will be shown: callers can skip the work of measuring progress. */
  readonly visible: boolean;
  /** Shows `text` (replacing what was shown). */
  update(text: string): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: Progress = { visible: false, update() {}, done() {} };

/**
 * Progress on stderr, only when stderr is a terminal and the input is large: pipes and CI logs get
 * nothing, so stderr stays reserved for the one-line errors scripts read.
 */
export function createProgress(stderr: OutStream, bytes: number): Progress {
  if (!stderr.isTTY || bytes <= PROGRESS_THRESHOLD) return SILENT;
  let shown = false;
  return {
    visible: true,
    update(text) {
      stderr.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/** `12.5/52.3 MB`. */
export function formatMegabytes(done: number, total: number): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `${mb(done)}/${mb(total)} MB`;
}
