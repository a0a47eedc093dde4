import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SIGHTINGS, MAX_TOKENS } from '../../src/panel/models/limits';
import {
  type LagReport,
  measureHeap,
  panelSession,
  startLagProbe,
  timeInPanel,
} from '../harness/panel-metrics';
import {
  exportJson,
  openTokenRow,
  readCounter,
  tokenCounts,
  waitForRequests,
  waitForTokens,
} from '../harness/panel-state';
import { type E2eSession, startE2eSession } from '../harness/session';

const BURST = 5000;
/**
 * Main-thread stalls tolerated while the burst is captured (a 50 ms timer's lateness). Measured in full
 * `npm test` runs (2 shared cores, other browser tests in parallel) at p95 46–65 ms, max 270–350 ms; the
 * limits leave ~4× room for a slower CI machine but fail a panel that blocks for a quarter second at a time.
 */
const MAX_P95_LAG_MS = 250;
const MAX_LAG_MS = 1500;
/** Heap ceiling for the panel after the burst (measured ≈ 17 MB; the caps keep it bounded). */
const MAX_HEAP_BYTES = 64 * 1024 * 1024;

describe(`a burst of ${BURST} requests`, () => {
  let session: E2eSession;
  let panel: Frame;
  let lag: LagReport;
  let emptyHeap: number;

  beforeAll(async () => {
    session = await startE2eSession();
    panel = await session.showPanel();
    const cdp = await panelSession(session.browser);
    emptyHeap = await measureHeap(cdp);
    const stopProbe = await startLagProbe(panel);
    // Each burst request carries the access token (Bearer and cookie) and gets a distinct token back.
    await session.gotoDemo(`/?burst=${BURST}`, 180_000);
    await waitForRequests(panel, BURST, 180_000);
    // The counters move every frame; the list follows with the next audit publish (≤ a few hundred ms).
    await waitForTokens(panel, BURST, 30_000);
    lag = await stopProbe();
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('captures every request and every distinct token', async () => {
    expect(await readCounter(panel, 'counter-requests')).toBeGreaterThanOrEqual(BURST);
    const { total } = await tokenCounts(panel);
    expect(total).toBeGreaterThanOrEqual(BURST);
    expect(total).toBeLessThanOrEqual(MAX_TOKENS);
  });

  it('kept the panel responsive during the burst', () => {
    expect(lag.ticks).toBeGreaterThan(10);
    expect(lag.p95LagMs).toBeLessThan(MAX_P95_LAG_MS);
    expect(lag.maxLagMs).toBeLessThan(MAX_LAG_MS);
  });

  it('still answers a click and a search quickly afterwards', async () => {
    const openMs = await timeInPanel(
      panel,
      () => openTokenRow(panel),
      () => !!document.querySelector('[data-testid="token-detail"]'),
    );
    expect(openMs).toBeLessThan(2000);
    const search = await panel.$('[data-testid="search"]');
    const searchMs = await timeInPanel(
      panel,
      async () => {
        await search?.evaluate((el) => {
          const input = el as HTMLInputElement;
          input.value = 'no-such-token-anywhere';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
      },
      () => /^0 of /.test(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? ''),
    );
    expect(searchMs).toBeLessThan(2000);
  });

  it('bounds memory: sightings per token are capped and the drops are counted', async () => {
    const report = await exportJson(panel, session.downloads);
    const tokens = report.json.tokens as Array<{ sightings: unknown[] }>;
    expect(Math.max(...tokens.map((t) => t.sightings.length))).toBeLessThanOrEqual(MAX_SIGHTINGS);
    // The access token rode on every burst request: all but MAX_SIGHTINGS of those sightings were dropped.
    expect(await readCounter(panel, 'counter-dropped')).toBeGreaterThanOrEqual(BURST - MAX_SIGHTINGS);
    const heap = await measureHeap(await panelSession(session.browser));
    console.log(
      `panel heap: empty ${(emptyHeap / 1e6).toFixed(1)} MB, after ${BURST}: ${(heap / 1e6).toFixed(1)} MB; lag p95 ${lag.p95LagMs} ms, max ${lag.maxLagMs} ms`,
    );
    expect(heap).toBeLessThan(MAX_HEAP_BYTES);
  });
});
