import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoServer } from '../../scripts/demo-app/server.mjs';
import { DEFAULT_EXTENSION_DIR } from './build-extension';
import { openDemoPanel } from './demo-panel';
import { showPanel, waitForExtensionId } from './devtools-panel';
import { launchWithExtension } from './launch';
import { clickByName, waitInPanel } from './panel-query';
import { exportJson } from './panel-state';

/** What a headless demo run leaves behind. */
export interface HeadlessDemoResult {
  reportPath: string;
  screenshotPath: string;
  /** The report's `summary`: counts by severity, findings, tokens. */
  summary: Record<string, unknown>;
}

/**
 * `npm start` without a display: drives the real panel on the demo app headless, clicks "Export JSON",
 * and saves the report and a PNG of the DevTools window (showing the panel) into `outDir`.
 */
export async function runHeadlessDemo(outDir: string): Promise<HeadlessDemoResult> {
  const { session, panel } = await openDemoPanel({ extensionDir: DEFAULT_EXTENSION_DIR });
  try {
    await clickByName(panel, 'Scan storage');
    await waitInPanel(
      panel,
      () => /storage/i.test(document.querySelector('[data-testid="status-message"]')?.textContent ?? ''),
      null,
    );
    // Most severe first, and open the first token, so the screenshot shows the worst token's detail too.
    await panel.select('[data-testid="list-order"]', 'severity');
    await panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid="token-row"]')?.click());
    await new Promise((r) => setTimeout(r, 500));
    const report = await exportJson(panel, session.downloads);
    mkdirSync(outDir, { recursive: true });
    const reportPath = resolve(outDir, 'jwt-lens-report.json');
    const screenshotPath = resolve(outDir, 'jwt-lens-panel.png');
    await session.devtools.screenshot({ path: screenshotPath as `${string}.png` });
    copyFileSync(report.path, reportPath);
    return { reportPath, screenshotPath, summary: (report.json.summary ?? {}) as Record<string, unknown> };
  } finally {
    await session.close();
  }
}

/**
 * `npm start` with a display: a visible Chromium with the extension, DevTools docked and the JWT Lens panel
 * shown on the demo app. Resolves when the user closes the browser.
 */
export async function runInteractiveDemo(log: (line: string) => void): Promise<void> {
  const demo = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({ headless: false, undockedDevtools: false });
  try {
    const page = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
    const devtools = await page.openDevTools();
    const extensionId = await waitForExtensionId(launched.browser);
    await page.goto(`${demo.url}/`);
    await showPanel({ devtools, extensionId });
    log(`Demo app: ${demo.url}/  — DevTools is open on the JWT Lens panel. Close the browser to stop.`);
    await new Promise<void>((resolveClosed) => launched.browser.once('disconnected', () => resolveClosed()));
  } finally {
    await launched.close();
    await demo.close();
  }
}
