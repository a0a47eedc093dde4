import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextIndex, scrollToReveal, visibleRange } from '../../../src/panel/models/list-navigation';

describe('nextIndex', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 9, 9],
    ['Home', 5, 0],
    ['End', 5, 9],
    ['PageDown', 5, 9],
    ['PageUp', 5, 1],
    ['ArrowDown', -1, 0],
  ])('%s from %d → %d (10 rows, page 4)', (key, from, to) => {
    expect(nextIndex(key, from, 10, 4)).toBe(to);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('a', 2, 10, 4)).toBeNull();
    expect(nextIndex('ArrowDown', -1, 0, 4)).toBeNull();
  });

  it('always lands inside the list', () => {
    const keys = fc.constantFrom('ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp');
    fc.assert(
      fc.property(
        keys,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -1, max: 10_000 }),
        fc.nat(50),
        (key, count, from, page) => {
          const index = nextIndex(key, Math.min(from, count - 1), count, page);
          expect(index).not.toBeNull();
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThan(count);
        },
      ),
    );
  });
});

describe('visibleRange', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleRange(0, 280, 28, 10_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(28 * 100, 280, 28, 10_000, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRange(28 * 10_000, 280, 28, 10_000, 5)).toEqual({ start: 9995, end: 10_000 });
  });

  it('never renders more than a window of rows, whatever the list length', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(100_000),
        (top, height, count) => {
          const { start, end } = visibleRange(top, height, 28, count, 10);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(count);
          expect(end - start).toBeLessThanOrEqual(Math.ceil(height / 28) + 21);
        },
      ),
    );
  });
});

describe('scrollToReveal', () => {
  it('scrolls only when the row is out of view', () => {
    expect(scrollToReveal(5, 0, 280, 28)).toBeNull();
    expect(scrollToReveal(20, 0, 280, 28)).toBe(21 * 28 - 280);
    expect(scrollToReveal(2, 280, 280, 28)).toBe(56);
  });
});
