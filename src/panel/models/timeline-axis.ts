/** The Timeline's time axis: a window over the capture's times and readable ticks, from 100 ms to days. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick steps, smallest first: the axis picks the first that gives at most `maxTicks` ticks. */
const STEPS = [
  100,
  250,
  500,
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
];

/**
 * The narrowest window drawn, ms: a capture of one instant still gets a readable axis (ticks every
 * 250 ms), and a burst of scripted traffic is spread across the plot rather than drawn in one column.
 */
export const MIN_SPAN_MS = SECOND;

export interface AxisTick {
  at: number;
  label: string;
}

/** The window `[start, end]` (ms) around the given times, padded so marks at the edges stay visible. */
export function timeWindow(times: readonly number[]): { start: number; end: number } | null {
  if (times.length === 0) return null;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const span = Math.max(hi - lo, MIN_SPAN_MS);
  const mid = (lo + hi) / 2;
  const pad = span * 0.03;
  return { start: mid - span / 2 - pad, end: mid + span / 2 + pad };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function dateLabel(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function timeLabel(d: Date, step: number): string {
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const hms = `${hm}:${pad2(d.getSeconds())}`;
  if (step < SECOND) return `${hms}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  return step < MINUTE ? hms : hm;
}

/**
 * Ticks at round local times across the window. Days and longer steps show dates; shorter ones show the
 * time of day, with the date on the first tick and wherever the day changes.
 */
export function axisTicks(start: number, end: number, maxTicks = 8): AxisTick[] {
  const span = Math.max(end - start, 1);
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const offset = new Date(start).getTimezoneOffset() * MINUTE;
  // Round in local time, so an hour tick falls on the hour and a day tick at local midnight.
  const first = Math.ceil((start - offset) / step) * step + offset;
  const ticks: AxisTick[] = [];
  let lastDay = '';
  for (let at = first; at <= end && ticks.length <= maxTicks; at += step) {
    const d = new Date(at);
    const day = dateLabel(d);
    const label = step >= DAY ? day : day !== lastDay ? `${day} ${timeLabel(d, step)}` : timeLabel(d, step);
    ticks.push({ at, label });
    lastDay = day;
  }
  return ticks;
}

/** A time for an accessible name or tooltip: local date and time to the second. */
export function describeTime(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? 'unknown time' : `${dateLabel(d)} ${timeLabel(d, 0)}`;
}

/** Milliseconds of an ISO time, or `null` when it is empty or unreadable. */
export function msOf(iso: string): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
