/** One sample of the panel's cumulative main-thread time and captured-request count. */
export interface CostSample {
  /** Cumulative `TaskDuration` of the panel's renderer main thread, ms. */
  taskMs: number;
  /** Cumulative requests the panel has captured. */
  requests: number;
}

/** Main-thread time per captured request, µs: median and p99 over requests, and the overall mean. */
export interface CostStats {
  requests: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
}

/**
 * Per-request cost from periodic samples: each interval's main-thread time is shared among the requests
 * captured in it, every request gets its interval's share, and the median and p99 are taken over
 * requests (so a slow interval weighs as much as the requests it handled). Intervals without a new
 * request carry their time into the next one (the work of a frame belongs to requests still arriving).
 */
export function costPerRequest(samples: readonly CostSample[]): CostStats {
  const shares: Array<{ us: number; count: number }> = [];
  let carriedMs = 0;
  for (let i = 1; i < samples.length; i++) {
    const [prev, next] = [samples[i - 1] as CostSample, samples[i] as CostSample];
    const ms = Math.max(0, next.taskMs - prev.taskMs) + carriedMs;
    const count = next.requests - prev.requests;
    if (count <= 0) {
      carriedMs = ms;
      continue;
    }
    carriedMs = 0;
    shares.push({ us: (ms * 1000) / count, count });
  }
  const requests = shares.reduce((n, s) => n + s.count, 0);
  if (requests === 0) return { requests: 0, medianUs: 0, p99Us: 0, meanUs: 0 };
  const sorted = [...shares].sort((a, b) => a.us - b.us);
  const at = (q: number): number => {
    let seen = 0;
    for (const share of sorted) {
      seen += share.count;
      if (seen >= q * requests) return share.us;
    }
    return sorted[sorted.length - 1]?.us ?? 0;
  };
  const meanUs = shares.reduce((sum, s) => sum + s.us * s.count, 0) / requests;
  return { requests, medianUs: at(0.5), p99Us: at(0.99), meanUs };
}
