import type { Browser, Frame, Page } from 'puppeteer-core';
import { PANEL_PAGE, PANEL_TITLE } from '../../src/devtools/panel-meta';

/** DevTools opened on a tab, with the id of our extension (read from its devtools page's URL). */
export interface DevtoolsHandle {
  /** The DevTools front-end (a `devtools://` page); our pages are frames inside it. */
  devtools: Page;
  extensionId: string;
}

const DEVTOOLS_PAGE_URL = /^chrome-extension:\/\/([a-p]{32})\/.*devtools\.html$/;

/** DevTools' id for an extension panel: the extension origin followed by the title without whitespace. */
export function panelIdOf(extensionId: string, title = PANEL_TITLE): string {
  return `chrome-extension://${extensionId}${title.replace(/\s+/g, '')}`;
}

/**
 * Waits until our devtools page has loaded in some DevTools window and returns the extension id read
 * from its URL. Call it after `page.openDevTools()` (CDP `Target.openDevTools`).
 */
export async function waitForExtensionId(browser: Browser, timeoutMs = 30_000): Promise<string> {
  const target = await browser.waitForTarget((t) => DEVTOOLS_PAGE_URL.test(t.url()), { timeout: timeoutMs });
  const extensionId = DEVTOOLS_PAGE_URL.exec(target.url())?.[1];
  if (!extensionId) throw new Error(`unexpected devtools page URL: ${target.url()}`);
  return extensionId;
}

/** Opens DevTools for `page` and waits until our devtools page has loaded. */
export async function openDevtools(
  browser: Browser,
  page: Page,
  timeoutMs = 30_000,
): Promise<DevtoolsHandle> {
  const devtools = await page.openDevTools();
  return { devtools, extensionId: await waitForExtensionId(browser, timeoutMs) };
}

/** The frame of the DevTools page that holds the panel, if it has loaded. */
export function findPanelFrame(devtools: Page): Frame | undefined {
  return devtools.frames().find((f) => f.url().endsWith(`/${PANEL_PAGE}`));
}

/**
 * Shows the JWT Lens panel and returns its frame. `panels.create()` is asynchronous and DevTools ignores
 * an unknown panel id, so `DevToolsAPI.showPanel` is retried every 250 ms until the panel frame appears
 * (clicking the tab would not work: it sits in the overflow menu).
 */
export async function showPanel(handle: DevtoolsHandle, timeoutMs = 30_000): Promise<Frame> {
  const id = panelIdOf(handle.extensionId);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await handle.devtools.evaluate((panelId) => {
      (globalThis as unknown as { DevToolsAPI?: { showPanel(id: string): void } }).DevToolsAPI?.showPanel(
        panelId,
      );
    }, id);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const frame = findPanelFrame(handle.devtools);
    if (frame) {
      // The frame exists before its document does; wait for the panel's own script to have run.
      await frame.waitForFunction(() => document.readyState === 'complete', {
        polling: 100,
        timeout: timeoutMs,
      });
      return frame;
    }
  }
  throw new Error(`the "${PANEL_TITLE}" panel (${id}) did not appear within ${timeoutMs} ms`);
}

/** Shows another DevTools panel (e.g. `console`), to check the panel keeps capturing while hidden. */
export async function showBuiltInPanel(handle: DevtoolsHandle, panelId: string): Promise<void> {
  await handle.devtools.evaluate((id) => {
    (globalThis as unknown as { DevToolsAPI?: { showPanel(id: string): void } }).DevToolsAPI?.showPanel(id);
  }, panelId);
}

/**
 * Turns on DevTools' own Network "Preserve log" (through its settings module), so `getHAR()` keeps the
 * requests of earlier documents too: a login flow navigates several times.
 */
export async function preserveDevtoolsLog(devtools: Page): Promise<void> {
  // A string, so Vitest does not rewrite the dynamic import; the module lives in the DevTools bundle.
  const preserved = await devtools.evaluate(`(async () => {
    const Common = await import('devtools://devtools/bundled/core/common/common.js');
    const setting = Common.Settings.Settings.instance().moduleSetting('network-log.preserve-log');
    setting.set(true);
    return setting.get();
  })()`);
  if (preserved !== true) throw new Error('could not turn on DevTools’ Preserve log');
}
