import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MIN_TOKENS, openDemoPanel } from '../harness/demo-panel';
import { clickByName, waitInPanel } from '../harness/panel-query';
import { readCounter, tokenCounts, waitForQuiet, waitForTokens } from '../harness/panel-state';
import type { E2eSession } from '../harness/session';

type DemoWindow = { demoBurst(n: number): Promise<number> };
const burst = (session: E2eSession, n: number) =>
  session.page.evaluate((count) => (window as unknown as DemoWindow).demoBurst(count), n);
const settle = () => new Promise((r) => setTimeout(r, 1000));

// Pause, Clear and Preserve log, driven through the real toolbar while the demo app makes traffic.
describe('toolbar: pause, clear, preserve log', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('pause ignores traffic (and counts it); resume captures again', async () => {
    const before = (await tokenCounts(panel)).total;
    const droppedBefore = await readCounter(panel, 'counter-dropped');
    await clickByName(panel, 'Pause');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="paused-indicator"]'), null);
    await burst(session, 3);
    await settle();
    expect((await tokenCounts(panel)).total).toBe(before);
    expect(await readCounter(panel, 'counter-dropped')).toBeGreaterThanOrEqual(droppedBefore + 3);
    await clickByName(panel, 'Resume');
    await burst(session, 2);
    await waitForTokens(panel, before + 2);
  });

  it('clear empties the list; new traffic fills it again', async () => {
    await clickByName(panel, 'Clear');
    await waitInPanel(
      panel,
      () => /^0 of 0/.test(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? ''),
      null,
    );
    await burst(session, 2);
    // Two burst tokens plus the access token they carry.
    await waitForTokens(panel, 3);
  });

  it('without "Preserve log" a navigation clears the list', async () => {
    expect((await tokenCounts(panel)).total).toBeGreaterThan(0);
    await session.page.goto('about:blank');
    await waitInPanel(
      panel,
      () => /^0 of 0/.test(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? ''),
      null,
    );
  });

  it('with "Preserve log" the list survives a navigation', async () => {
    await session.gotoDemo('/');
    await waitForTokens(panel, DEMO_MIN_TOKENS);
    await waitForQuiet(panel);
    await clickByName(panel, 'Preserve log');
    await waitInPanel(
      panel,
      () =>
        (document.querySelector('[data-testid="preserve-log"]') as HTMLInputElement | null)?.checked === true,
      null,
    );
    const kept = (await tokenCounts(panel)).total;
    await session.page.goto('about:blank');
    await settle();
    expect((await tokenCounts(panel)).total).toBe(kept);
  });

  it('takes its colours from one light-dark() palette, picked by the theme class', async () => {
    const colours = await panel.evaluate(() => {
      const root = document.querySelector<HTMLElement>('[data-testid="panel"]');
      if (!root) return null;
      const original = root.className;
      const paint = (theme: string) => {
        root.className = `panel theme-${theme}`;
        const style = getComputedStyle(root);
        return `${style.backgroundColor} ${style.color} ${style.colorScheme}`;
      };
      try {
        return { light: paint('light'), dark: paint('dark') };
      } finally {
        root.className = original;
      }
    });
    expect(colours).toEqual({
      light: 'rgb(255, 255, 255) rgb(31, 31, 31) light',
      dark: 'rgb(32, 33, 36) rgb(227, 227, 227) dark',
    });
  });
});
