/** The most input names remembered: a session of many imports still names its baseline in a few lines. */
export const MAX_INPUT_NAMES = 50;

/** What the panel's capture came from, named as the CLI names its inputs (a baseline's `learnedFrom.inputs`). */
export interface CaptureInputs {
  /** Notes an input once, in first-seen order (bounded). */
  note(name: string): void;
  list(): string[];
  reset(): void;
}

/** The name of live capture in a baseline: the page it was captured on (an origin: host names only). */
export function liveInputName(origin: string | undefined): string {
  return origin ? `live capture of ${origin}` : 'live capture';
}

/**
 * A HAR file's name as an input: its base name, as `jwt-lens baseline demo.har` names it when run in the
 * file's folder (a browser never gives the folder). Line breaks, which a file name can hold, are dropped.
 */
export function fileInputName(name: string | undefined): string {
  const base = (name ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
  return base === '' ? 'imported HAR' : base;
}

/** Creates the tracker. */
export function createCaptureInputs(): CaptureInputs {
  const names = new Set<string>();
  return {
    note(name) {
      if (names.size < MAX_INPUT_NAMES || names.has(name)) names.add(name);
    },
    list: () => [...names],
    reset: () => names.clear(),
  };
}
