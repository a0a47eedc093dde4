// @ts-check
/**
 * Panel benchmark (not a test): the real extension in headless Chromium, the demo app firing bursts.
 *   npm run bench -- panel   or   node bench/panel.mjs   (the extension is built when stale)
 * Reports the panel's main-thread time per captured request (median, p99, mean; CDP TaskDuration of the
 * panel's renderer sampled every 100 ms and shared among the requests captured in each interval) and its
 * JS heap (after a full GC) empty, after 5,000 and after 20,000 requests, all in the same run.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIRST = 5000;
const TOTAL = 20_000;

/** @param {string} file */
async function load(file) {
  const { module } = await runnerImport(join(ROOT, file), {
    configFile: false,
    root: ROOT,
    logLevel: 'error',
  });
  return module;
}

const mb = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const us = (/** @type {number} */ value) => `${Math.round(value)} µs`;

/** Runs the panel benchmark and prints its figures; the empty panel's heap is the same-run baseline. */
export async function runPanelBench() {
  await (await load('test/harness/build-extension.ts')).ensureExtensionBuilt();
  const { startE2eSession } = await load('test/harness/session.ts');
  const metrics = await load('test/harness/panel-metrics.ts');
  const { costPerRequest } = await load('test/harness/cost-stats.ts');
  const { waitForRequests } = await load('test/harness/panel-state.ts');
  const session = await startE2eSession();
  try {
    const panel = await session.showPanel();
    const cdp = await metrics.panelSession(session.browser);
    const heapEmpty = await metrics.measureHeap(cdp);
    const stopSampler = await metrics.startCostSampler(cdp, panel);
    const started = Date.now();
    const progress = (/** @type {string} */ what) =>
      console.error(`  … ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
    await session.gotoDemo(`/?burst=${FIRST}`, 1_800_000);
    progress(`the demo page sent ${FIRST} requests`);
    await waitForRequests(panel, FIRST, 1_800_000);
    const heapFirst = await metrics.measureHeap(cdp);
    progress(`the panel captured ${FIRST}`);
    // Not awaited in the page: a burst this long would outlast CDP's protocol timeout.
    await session.page.evaluate((/** @type {number} */ n) => {
      /** @type {any} */ (window).demoBurst(n);
    }, TOTAL - FIRST);
    await waitForRequests(panel, TOTAL, 1_800_000);
    const samples = await stopSampler();
    const heapTotal = await metrics.measureHeap(cdp);
    const cost = costPerRequest(samples);
    console.log(`JWT Lens panel benchmark (${Math.round((Date.now() - started) / 1000)} s of traffic)`);
    console.log(
      `  time per captured request: median ${us(cost.medianUs)}, p99 ${us(cost.p99Us)}, mean ${us(cost.meanUs)} (${cost.requests} requests)`,
    );
    console.log(
      `  panel JS heap: empty ${mb(heapEmpty)} · after ${FIRST} requests ${mb(heapFirst)} · after ${TOTAL} ${mb(heapTotal)}`,
    );
  } finally {
    await session.close();
  }
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  runPanelBench().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
