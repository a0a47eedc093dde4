import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../../src/core/types';
import { createCaptureQueue } from '../../../src/panel/models/capture-queue';
import { createManualScheduler } from '../../../src/panel/models/scheduler';
import { accessClaims, makeEntry, makeToken } from '../fixtures';

function setup(options: { budgetMs?: number; maxPending?: number; tick?: number } = {}) {
  const scheduler = createManualScheduler();
  const captures: CaptureResult[] = [];
  const frames: number[] = [];
  let ms = 0;
  const queue = createCaptureQueue({
    schedule: scheduler.schedule,
    clock: () => (ms += options.tick ?? 0),
    budgetMs: options.budgetMs ?? 10,
    maxPending: options.maxPending ?? 100,
    pageOrigin: () => 'https://app.example.test',
    onCapture: (c) => captures.push(c),
    onFrame: (pending) => frames.push(pending),
  });
  return { queue, scheduler, captures, frames };
}

const entry = (sub: string) => ({
  entry: makeEntry({ bearer: makeToken(accessClaims(sub)) }),
  requestId: sub,
});

describe('createCaptureQueue', () => {
  it('captures nothing until the frame, then everything within the budget', () => {
    const { queue, scheduler, captures, frames } = setup();
    queue.push(entry('a'));
    queue.push(entry('b'));
    expect(captures).toHaveLength(0);
    expect(scheduler.pending).toBe(1);
    scheduler.run();
    expect(captures.map((c) => c.sightings[0]?.requestId)).toEqual(['a', 'b']);
    expect(captures[0]?.sightings[0]?.initiatorOrigin).toBe('https://app.example.test');
    expect(frames).toEqual([0]);
  });

  it('yields to the browser when the budget is spent, and goes on next frame', () => {
    const { queue, scheduler, captures, frames } = setup({ budgetMs: 10, tick: 4 });
    for (const sub of ['a', 'b', 'c', 'd', 'e']) queue.push(entry(sub));
    scheduler.run();
    expect(captures).toHaveLength(5);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.at(-1)).toBe(0);
  });

  it('drops and counts entries past the cap; drain and clear work at once', () => {
    const { queue, captures } = setup({ maxPending: 2 });
    expect([queue.push(entry('a')), queue.push(entry('b')), queue.push(entry('c'))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(queue.dropped).toBe(1);
    queue.drain();
    expect(captures).toHaveLength(2);
    queue.push(entry('d'));
    queue.clear();
    expect(queue.pending).toBe(0);
    expect(queue.dropped).toBe(0);
  });

  it('turns a throwing capture into a problem line instead of stopping', () => {
    const { queue, captures } = setup();
    queue.push({
      entry: {
        get request() {
          throw new Error('hostile getter');
        },
      },
      requestId: 'x',
    });
    queue.push(entry('ok'));
    queue.drain();
    expect(captures[0]?.problems[0]).toMatch(/^entry x: /);
    expect(captures[1]?.sightings).toHaveLength(1);
  });
});
