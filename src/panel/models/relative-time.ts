const YEAR = 31_557_600;

/** A duration in seconds as "30 s", "4 min", "2 h", "3 d", "5 y" (rounded down, the largest unit that fits). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h`;
  if (s < 2 * YEAR) return `${Math.floor(s / 86_400)} d`;
  // Claims are attacker-controlled: an `exp` of 1e300 must not print as "1e+292 y".
  return s < 10_000 * YEAR ? `${Math.floor(s / YEAR)} y` : 'over 9999 y';
}

/**
 * Relative expiry as the list shows it: "expires in 4 min", "expired 2 h ago", or "no expiry".
 * @param exp - the `exp` claim (epoch seconds), `null` when absent or unusable
 * @param now - epoch seconds
 */
export function formatExpiry(exp: number | null, now: number): string {
  if (exp === null || !Number.isFinite(exp)) return 'no expiry';
  const delta = exp - now;
  return delta > 0 ? `expires in ${formatDuration(delta)}` : `expired ${formatDuration(delta)} ago`;
}

/** A NumericDate as local time and ISO 8601, or `null` when it is not a plausible date. */
export function formatNumericDate(value: unknown): { local: string; iso: string } | null {
  // 8.64e12 s is the largest value a JavaScript Date can hold; beyond that there is no date to show.
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 8.64e12) return null;
  const date = new Date(value * 1000);
  return { local: date.toLocaleString(), iso: date.toISOString() };
}

/**
 * When a token was issued, as the list shows it: the local time of day with seconds when `iat` falls on
 * the same local day as `now`, else the local date and time; `null` when `iat` is absent or not a date.
 * @param iat - the `iat` claim (epoch seconds), `null` when absent or unusable
 * @param now - epoch seconds
 */
export function formatIssueTime(iat: number | null, now: number): string | null {
  const date = formatNumericDate(iat);
  if (iat === null || !date) return null;
  const issued = new Date(iat * 1000);
  const today = new Date(now * 1000);
  return issued.toDateString() === today.toDateString() ? issued.toLocaleTimeString() : date.local;
}
