const UNITS: readonly [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * A duration in seconds for a finding detail, two largest units: `2 h 3 min`, `31 d 4 h`, `45 s`.
 * Fractions are dropped; negative durations are shown by magnitude.
 */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(Math.abs(seconds));
  if (!Number.isFinite(rest)) return 'an unbounded time';
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

/** A NumericDate as ISO 8601, or `out of range` when `Date` cannot represent it. */
export function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().replace('.000Z', 'Z');
}
