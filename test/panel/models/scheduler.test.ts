import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTickScheduler, TICK_MS } from '../../../src/panel/models/scheduler';

describe('createTickScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('reportError', vi.fn());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs the callbacks queued before a tick together on it, and those they queue on the next', () => {
    const schedule = createTickScheduler();
    const ran: string[] = [];
    schedule(() => ran.push('a'));
    schedule(() => {
      ran.push('b');
      schedule(() => ran.push('c'));
    });
    vi.advanceTimersByTime(TICK_MS - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(TICK_MS);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs the other callbacks of a tick when one throws, and reports the error', () => {
    const schedule = createTickScheduler(10);
    const ran: string[] = [];
    const boom = new Error('boom');
    schedule(() => {
      throw boom;
    });
    schedule(() => ran.push('after'));
    vi.advanceTimersByTime(10);
    expect(ran).toEqual(['after']);
    expect(reportError).toHaveBeenCalledWith(boom);
  });
});
