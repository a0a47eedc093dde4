import { describe, expect, it } from 'vitest';
import { axisTicks, timeWindow } from '../../../src/panel/models/timeline-axis';
import { moveInGrid } from '../../../src/panel/models/timeline-nav';

const T = Date.UTC(2030, 0, 1, 9, 0, 0);
const MIN = 60_000;

describe('timeline axis', () => {
  it('widens one instant to a padded second, and pads a longer span', () => {
    expect(timeWindow([])).toBeNull();
    const one = timeWindow([T]);
    expect(one && one.end - one.start).toBeCloseTo(1000 * 1.06);
    const span = timeWindow([T, T + 10 * MIN]);
    expect(span?.start).toBeLessThan(T);
    expect(span?.end).toBeGreaterThan(T + 10 * MIN);
  });

  it.each([
    ['milliseconds', 800, /^\d\d:\d\d:\d\d\.\d{3}$/],
    ['seconds', 45_000, /^\d\d:\d\d:\d\d$/],
    ['minutes', 40 * MIN, /^\d\d:\d\d$/],
    ['days', 5 * 24 * 60 * MIN, /^\d{4}-\d\d-\d\d$/],
  ])('ticks a span of %s with at most 9 readable labels', (_name, span, shape) => {
    const ticks = axisTicks(T, T + span);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(9);
    for (const t of ticks) expect(t.at).toBeGreaterThanOrEqual(T);
    // The first tick carries the date when the steps are shorter than a day; the rest are short.
    expect(ticks.slice(1).every((t) => shape.test(t.label) || /^\d{4}-\d\d-\d\d /.test(t.label))).toBe(true);
    const steps = ticks.slice(1).map((t, i) => t.at - (ticks[i]?.at ?? 0));
    expect(new Set(steps).size).toBe(1);
  });

  it('puts the date on the first tick and where the day changes', () => {
    const ticks = axisTicks(T, T + 30 * 60 * MIN);
    expect(ticks[0]?.label).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(ticks.filter((t) => / /.test(t.label)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('timeline keyboard grid', () => {
  const lanes = [3, 1, 5];
  it.each([
    ['ArrowRight', { lane: 0, item: 1 }, { lane: 0, item: 2 }],
    ['ArrowRight', { lane: 0, item: 2 }, { lane: 0, item: 2 }],
    ['ArrowLeft', { lane: 0, item: 0 }, { lane: 0, item: 0 }],
    ['ArrowDown', { lane: 0, item: 2 }, { lane: 1, item: 0 }],
    ['ArrowDown', { lane: 2, item: 1 }, { lane: 2, item: 1 }],
    ['ArrowUp', { lane: 2, item: 4 }, { lane: 1, item: 0 }],
    ['End', { lane: 2, item: 0 }, { lane: 2, item: 4 }],
    ['Home', { lane: 2, item: 3 }, { lane: 2, item: 0 }],
  ])('%s from %o goes to %o', (key, from, to) => {
    expect(moveInGrid(key, from, lanes)).toEqual(to);
  });

  it('ignores other keys and an empty grid', () => {
    expect(moveInGrid('a', { lane: 0, item: 0 }, lanes)).toBeNull();
    expect(moveInGrid('ArrowDown', { lane: 0, item: 0 }, [])).toBeNull();
  });
});
