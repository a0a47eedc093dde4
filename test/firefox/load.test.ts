import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../scripts/demo-app/server.mjs';
import { GECKO_ID } from '../../scripts/firefox-manifest';
import { PANEL_PAGE, PANEL_TITLE } from '../../src/devtools/panel-meta';
import { ensureBuilt, FIREFOX_BUILD } from '../harness/builds';
import {
  type ExtensionMessage,
  type ExtensionTool,
  evaluateInView,
  extensionMessages,
  openToolbox,
  selectTool,
  waitForView,
  waitInView,
} from './devtools-probe';
import { type FirefoxSession, startFirefoxSession } from './firefox-session';

/**
 * The Firefox build (dist/firefox) in Debian's firefox-esr, headless: it installs, its DevTools page
 * registers the panel when the toolbox opens, and the panel captures the demo app's traffic and runs the
 * worker-side checks. Without Firefox this fails with the install command (never skips).
 */
describe('Firefox: dist/firefox in a real headless Firefox', () => {
  let session: FirefoxSession;
  let demo: DemoServer;
  let tools: ExtensionTool[] = [];

  const runDemo = async () => {
    await session.navigate(`${demo.url}/`);
    await session.content(
      `for (let i = 0; i < 300 && !document.body?.dataset.demoDone; i++) await new Promise((r) => setTimeout(r, 100));
       if (document.body.dataset.demoDone !== '1') throw new Error('demo flow: ' + document.body.dataset.demoDone);`,
    );
  };
  /** Waits until the panel lists at least `min` tokens; returns how many. */
  const waitForTokens = (min: number) =>
    waitInView<number>(
      session,
      'devtools_panel',
      `(() => { const m = /of\\s+(\\d+)/.exec(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? ''); const n = m ? Number(m[1]) : 0; return n >= ${min} ? n : 0; })()`,
      30_000,
    );
  const requestCount = `Number((document.querySelector('[data-testid="counter-requests"]')?.textContent ?? '').replace(/\\D/g, '')) || 0`;

  beforeAll(async () => {
    const extensionDir = await ensureBuilt(FIREFOX_BUILD);
    demo = await startDemoServer({ port: 0 });
    session = await startFirefoxSession(extensionDir);
  });

  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('installs as a temporary add-on under its gecko id', () => {
    expect(session.addonId).toBe(GECKO_ID);
  });

  it('loads the DevTools page when the toolbox opens, which registers the "JWT Lens" panel', async () => {
    tools = await openToolbox(session);
    expect(tools.map((t) => t.label)).toEqual([PANEL_TITLE]);
    const url = await waitForView(session, 'devtools_page');
    expect(url).toMatch(/^moz-extension:\/\/[^/]+\/src\/devtools\/devtools\.html$/);
    expect(await evaluateInView(session, 'devtools_page', 'document.readyState')).toBe('complete');
  });

  it('runs the demo app before the panel is first shown (its requests must not be lost)', async () => {
    await runDemo();
  });

  it('shows the panel page itself (not a missing file) with its toolbar', async () => {
    const panelId = tools[0]?.id;
    expect(panelId).toBeTruthy();
    await selectTool(session, panelId as string);
    // Firefox resolves a relative panel path against the DevTools page, Chromium against the root.
    expect(await waitForView(session, 'devtools_panel')).toMatch(
      new RegExp(`^moz-extension://[^/]+/${PANEL_PAGE.replaceAll('.', '\\.')}$`),
    );
    const buttons = await waitInView<string[]>(
      session,
      'devtools_panel',
      `document.querySelector('[data-testid="counter-visible"]') && [...document.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent.trim())`,
    );
    expect(buttons).toEqual(expect.arrayContaining(['Pause', 'Clear', 'Export JSON', 'Scan storage']));
  });

  it('captures the demo traffic made before it was shown (getHAR backfill) and finds its mistakes, HMAC secret search (worker + WASM) included', async () => {
    expect(await waitForTokens(7)).toBeGreaterThanOrEqual(7);
    // The rule filter lists every rule that fired; the weak-secret finding comes from the Web Worker's
    // WASM HMAC engine, so its presence proves the worker and 'wasm-unsafe-eval' work in Firefox.
    const rules = await waitInView<string[]>(
      session,
      'devtools_panel',
      `(() => { const r = [...document.querySelectorAll('[data-testid="filter-rule"] option')].map((o) => o.value).filter(Boolean); return r.includes('hmac-weak-secret') ? r : null; })()`,
      30_000,
    );
    expect(rules).toEqual(expect.arrayContaining(['alg-none', 'hmac-weak-secret', 'token-in-url']));
  });

  it('captures live traffic once shown (after Clear, the demo flow fills the list again)', async () => {
    await evaluateInView(
      session,
      'devtools_panel',
      `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Clear').click()`,
    );
    await waitInView<boolean>(
      session,
      'devtools_panel',
      `/^0 of 0/.test(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? '') || null`,
    );
    await runDemo();
    expect(await waitForTokens(7)).toBeGreaterThanOrEqual(7);
    expect(await evaluateInView<number>(session, 'devtools_panel', requestCount)).toBeGreaterThan(0);
  });

  it("logs no error from the extension's pages or worker", async () => {
    const messages: ExtensionMessage[] = await extensionMessages(session);
    const errors = messages.filter((m) => m.level === 'error');
    expect(errors, JSON.stringify(messages, null, 2)).toEqual([]);
  });
});
