/** Median of sorted numbers (the mean of the two middle ones for an even count); 0 for none. */
export function medianOfSorted(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Min, median and max of some numbers, or `undefined` for none. */
export function spread(values: readonly number[]): { min: number; median: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: medianOfSorted(sorted), max: sorted.at(-1) ?? 0 };
}

const MINUTE_MS = 60_000;

/**
 * The minute of the capture's time range that `at` (epoch ms) falls in: 0 for the range's first minute,
 * clamped into the range. Learning and `drift-issuance-rate` count minutes alike through this.
 */
export function minuteOfRange(at: number, range: { start: number; end: number }): number {
  const minutes = Math.floor((range.end - range.start) / MINUTE_MS) + 1;
  return Math.min(minutes - 1, Math.max(0, Math.floor((at - range.start) / MINUTE_MS)));
}

/** The epoch ms at which minute `minute` of a range starts. */
export function minuteStart(minute: number, range: { start: number }): number {
  return range.start + minute * MINUTE_MS;
}

/**
 * Tokens issued per minute of session: `firsts` are the epoch-ms times each token was first seen, and
 * every minute of the capture's time range counts, quiet ones as 0 (so a burst stands out against the
 * median). Memory is bounded by the tokens, not by the length of the session.
 */
export function perMinute(
  firsts: readonly number[],
  range: { start: number; end: number },
): { perMinuteMedian: number; perMinuteMax: number } | undefined {
  if (firsts.length === 0) return undefined;
  const minutes = Math.floor((range.end - range.start) / MINUTE_MS) + 1;
  const counts = new Map<number, number>();
  for (const at of firsts) {
    const minute = minuteOfRange(at, range);
    counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  const busy = [...counts.values()].sort((a, b) => a - b);
  const quiet = minutes - busy.length;
  // The median of `quiet` zeros followed by the busy minutes' counts, without building that array.
  const at = (i: number) => (i < quiet ? 0 : (busy[i - quiet] ?? 0));
  const mid = Math.floor(minutes / 2);
  const median = minutes % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { perMinuteMedian: median, perMinuteMax: busy.at(-1) ?? 0 };
}

/** A share rounded to four decimals, so a file learned twice reads the same and a reviewer reads it easily. */
export function roundShare(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
