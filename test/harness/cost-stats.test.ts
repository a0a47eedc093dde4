import { describe, expect, it } from 'vitest';
import { costPerRequest } from './cost-stats';

describe('costPerRequest', () => {
  it('shares each interval among its requests and weighs quantiles by requests', () => {
    const stats = costPerRequest([
      { taskMs: 0, requests: 0 },
      { taskMs: 10, requests: 100 }, // 100 µs each ×100
      { taskMs: 30, requests: 110 }, // 2000 µs each ×10
    ]);
    expect(stats.requests).toBe(110);
    expect(stats.medianUs).toBe(100);
    expect(stats.p99Us).toBe(2000);
    expect(stats.meanUs).toBeCloseTo((30 * 1000) / 110, 5);
  });

  it('carries time from intervals without requests into the next one', () => {
    const stats = costPerRequest([
      { taskMs: 0, requests: 0 },
      { taskMs: 5, requests: 0 },
      { taskMs: 10, requests: 10 },
    ]);
    expect(stats.medianUs).toBe(1000);
  });

  it('is zero without samples or requests', () => {
    expect(costPerRequest([])).toEqual({ requests: 0, medianUs: 0, p99Us: 0, meanUs: 0 });
    expect(costPerRequest([{ taskMs: 1, requests: 5 }])).toEqual({
      requests: 0,
      medianUs: 0,
      p99Us: 0,
      meanUs: 0,
    });
  });
});
