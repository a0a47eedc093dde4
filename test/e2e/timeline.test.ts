import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoPanel } from '../harness/demo-panel';
import { clickByName, countInPanel, waitInPanel } from '../harness/panel-query';
import type { E2eSession } from '../harness/session';

// The Timeline in the real DevTools window, on the demo's traffic. Lanes, verdict colours and click-through
// against a full lifecycle model are checked once the model lands (issue 13); this opens the view, draws a
// lane per token at least, and opens a token from the keyboard.
describe('Timeline view on the demo', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('switches to the Timeline, draws lanes as SVG, and opens a lane with Enter', async () => {
    await clickByName(panel, 'Timeline');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="timeline-lane"]'), null);
    expect(await countInPanel(panel, '[data-testid="token-list"]')).toBe(0);
    expect(
      await countInPanel(panel, 'svg[data-testid="timeline-chart"] [data-testid="timeline-lane"]'),
    ).toBeGreaterThan(0);
    expect(await countInPanel(panel, '[data-testid="timeline-chart"] [tabindex="0"]')).toBe(1);
    const stop = await panel.$('[data-testid="timeline-chart"] [tabindex="0"]');
    // An SVG element: puppeteer's ElementHandle.focus() only takes HTML elements.
    await stop?.evaluate((el) => (el as SVGElement).focus());
    const focused = await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe('timeline-lane-label');
    await panel.page().keyboard.press('ArrowDown');
    const opened = await panel.evaluate(() =>
      document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane-id'),
    );
    await panel.page().keyboard.press('Enter');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="token-detail"]'), null);
    // The opened lane is current, with every other lane holding that token (a family member, a refresh
    // token that several grants reused).
    const current = await panel.$$eval('.lane.is-current', (lanes) =>
      lanes.map((l) => l.getAttribute('data-lane-id')),
    );
    expect(current).toContain(opened);
    if (process.env.JWT_LENS_TIMELINE_SHOT)
      await session.devtools.screenshot({ path: process.env.JWT_LENS_TIMELINE_SHOT as `${string}.png` });
    await clickByName(panel, 'Tokens');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="token-list"]'), null);
  });
});
