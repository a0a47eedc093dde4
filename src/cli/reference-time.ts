import { CliError } from './errors';

/** A date, or a date and time with optional seconds, fraction and zone. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The reference time, in epoch seconds: `--now <ISO time>` or the clock. It judges tokens with no
 * request time (token lists, `decode`) and relative times; tokens from a HAR are judged at their
 * requests' times. A time without a zone is read as UTC, not local time, so the same command gives the
 * same answer on every machine (CI runners and laptops rarely share a time zone).
 */
export function parseReferenceTime(value: string | undefined, clockMs: number): number {
  if (value === undefined) return Math.floor(clockMs / 1000);
  const match = ISO.exec(value.trim());
  if (!match)
    throw new CliError(`option --now: "${value}" is not an ISO 8601 time (like 2025-03-14T09:30:00Z)`);
  const hasTime = /[T ]/i.test(value.trim());
  const text = hasTime && match[1] === undefined ? `${value.trim()}Z` : value.trim();
  const ms = Date.parse(hasTime ? text.replace(' ', 'T') : `${text}T00:00:00Z`);
  if (Number.isNaN(ms) || !isRealDay(value.trim().slice(0, 10)))
    throw new CliError(`option --now: "${value}" is not a valid date`);
  return Math.floor(ms / 1000);
}

/** `Date.parse` rolls 2025-02-30 over into March; a typo in a date must be an error instead. */
function isRealDay(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const probe = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return probe.getUTCMonth() === (month ?? 1) - 1 && probe.getUTCDate() === day;
}
