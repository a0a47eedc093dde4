import type { Browser, CDPSession, Frame } from 'puppeteer-core';
import { PANEL_PAGE } from '../../src/devtools/panel-meta';
import type { CostSample } from './cost-stats';

/** A CDP session on the panel page's own target (it is an out-of-process frame of DevTools). */
export async function panelSession(browser: Browser): Promise<CDPSession> {
  const target = browser.targets().find((t) => t.url().endsWith(`/${PANEL_PAGE}`));
  if (!target) throw new Error('the panel target is not open');
  return target.createCDPSession();
}

/** The panel's used JS heap in bytes, after a full garbage collection (so runs compare fairly). */
export async function measureHeap(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize;
}

/** How late the panel's timer ticks fired while a probe ran, in ms. */
export interface LagReport {
  maxLagMs: number;
  p95LagMs: number;
  ticks: number;
}

/**
 * Starts a main-thread lag probe in the panel: a 50 ms interval that records how late each tick fires.
 * Call the returned function to stop it and get the report.
 */
export async function startLagProbe(frame: Frame): Promise<() => Promise<LagReport>> {
  await frame.evaluate(() => {
    const probe = { lags: [] as number[], last: performance.now(), timer: 0 };
    probe.timer = window.setInterval(() => {
      const now = performance.now();
      probe.lags.push(Math.max(0, now - probe.last - 50));
      probe.last = now;
    }, 50);
    (globalThis as unknown as { __lagProbe: typeof probe }).__lagProbe = probe;
  });
  return () =>
    frame.evaluate(() => {
      const probe = (globalThis as unknown as { __lagProbe: { lags: number[]; timer: number } }).__lagProbe;
      clearInterval(probe.timer);
      const sorted = [...probe.lags].sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return { maxLagMs: at(1), p95LagMs: at(0.95), ticks: sorted.length };
    });
}

/** Milliseconds from running `action` in the panel until `done` holds there (polled every 10 ms). */
export async function timeInPanel(
  frame: Frame,
  action: () => Promise<void>,
  done: () => boolean,
): Promise<number> {
  const start = Date.now();
  await action();
  await frame.waitForFunction(done, { polling: 10, timeout: 10_000 });
  return Date.now() - start;
}

/**
 * Samples the panel's cumulative main-thread time (CDP `Performance.getMetrics` `TaskDuration`, thread
 * ticks) and its captured-request counter every `intervalMs`, until the returned stop function is called.
 */
export async function startCostSampler(
  session: CDPSession,
  frame: Frame,
  intervalMs = 100,
): Promise<() => Promise<CostSample[]>> {
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  const samples: CostSample[] = [];
  const take = async (): Promise<void> => {
    const { metrics } = await session.send('Performance.getMetrics');
    const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const text = await frame.evaluate(
      () => document.querySelector('[data-testid="counter-requests"]')?.textContent ?? '',
    );
    samples.push({ taskMs: taskSeconds * 1000, requests: Number(/\d+/.exec(text)?.[0] ?? 0) });
  };
  await take();
  let running = true;
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, intervalMs));
      await take().catch(() => undefined);
    }
  })();
  return async () => {
    running = false;
    await loop;
    await take();
    return samples;
  };
}
