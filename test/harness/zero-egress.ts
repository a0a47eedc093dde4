import type { Frame } from 'puppeteer-core';
import type { EgressRecord } from './egress';
import type { E2eSession } from './session';

/**
 * Everything the extension sent to the network during the session: the monitor's CDP records plus the
 * Resource Timing entries of the given extension frames, external URLs only, de-duplicated by URL+way.
 */
export async function collectEgress(session: E2eSession, frames: Frame[]): Promise<EgressRecord[]> {
  // Give late beacons (fired on unload, timers) a moment to be recorded.
  await new Promise((r) => setTimeout(r, 500));
  await session.egress.collectResourceTiming(frames);
  const seen = new Set<string>();
  return session.egress.external().filter((r) => {
    const key = `${r.via} ${r.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
