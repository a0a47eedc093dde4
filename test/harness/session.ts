import type { Browser, Frame, Page } from 'puppeteer-core';
import { startDemoServer } from '../../scripts/demo-app/server.mjs';
import { ensureExtensionBuilt } from './build-extension';
import { type DevtoolsHandle, showPanel, waitForExtensionId } from './devtools-panel';
import { createDownloadWatcher, type DownloadWatcher } from './downloads';
import { createEgressMonitor, type EgressMonitor } from './egress';
import { launchWithExtension } from './launch';

/** One browser with the extension, DevTools open on a tab, and the demo app — shared by one test file. */
export interface E2eSession extends DevtoolsHandle {
  browser: Browser;
  /** The inspected tab. */
  page: Page;
  demoUrl: string;
  egress: EgressMonitor;
  downloads: DownloadWatcher;
  /** Shows the JWT Lens panel and returns its frame. */
  showPanel(): Promise<Frame>;
  /** Navigates the inspected tab to a demo path and waits until the demo's scripted flow is done. */
  gotoDemo(path?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startE2eSession}. */
export interface SessionOptions {
  /** A prebuilt extension (e.g. the leaky variant); default: `dist/chrome`, built when stale. */
  extensionDir?: string;
  headless?: boolean;
}

/**
 * Launches everything an e2e test file needs. The inspected tab starts on about:blank with DevTools
 * already open, because DevTools only records traffic while it is open.
 */
export async function startE2eSession(options: SessionOptions = {}): Promise<E2eSession> {
  const extensionDir = options.extensionDir ?? (await ensureExtensionBuilt());
  const demo = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({ extensionDir, headless: options.headless ?? true });
  try {
    const { browser } = launched;
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const devtools = await page.openDevTools();
    // Watch before DevTools loads our pages, so even a request made while they load is recorded.
    const egress = createEgressMonitor(browser, devtools);
    const handle: DevtoolsHandle = { devtools, extensionId: await waitForExtensionId(browser) };
    const downloads = await createDownloadWatcher(browser);
    return {
      ...handle,
      browser,
      page,
      demoUrl: demo.url,
      egress,
      downloads,
      showPanel: () => showPanel(handle),
      async gotoDemo(path = '/', timeoutMs = 60_000) {
        await page.goto(`${demo.url}${path}`, { waitUntil: 'load' });
        await page.waitForFunction(() => document.body.dataset.demoDone, {
          polling: 100,
          timeout: timeoutMs,
        });
      },
      async close() {
        await egress.dispose();
        await downloads.dispose();
        await launched.close();
        await demo.close();
      },
    };
  } catch (error) {
    await launched.close();
    await demo.close();
    throw error;
  }
}
