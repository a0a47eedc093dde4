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
    await clickByName(panel, 'Tokens');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="token-list"]'), null);
  });

  it('draws a lane per family with verdict ticks, a refresh link and a logout mark', async () => {
    await clickByName(panel, 'Timeline');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="timeline-lane"]'), null);
    const stats = await panel.evaluate(() => {
      const all = (sel: string) => [...document.querySelectorAll<SVGElement>(sel)];
      const marks = all('[data-testid="timeline-mark"]');
      const verdicts: Record<string, number> = {};
      for (const m of marks.filter((m) => m.dataset.kind === 'use'))
        verdicts[m.dataset.verdict ?? ''] = (verdicts[m.dataset.verdict ?? ''] ?? 0) + 1;
      const fill = (verdict: string) => {
        const shape = marks.find((m) => m.dataset.verdict === verdict)?.querySelector('.shape');
        return shape ? getComputedStyle(shape).fill : '';
      };
      return {
        families: all('[data-testid="timeline-lane"]').filter((l) => l.dataset.laneId?.startsWith('family:'))
          .length,
        verdicts,
        fills: [fill('accepted'), fill('rejected'), fill('unknown')],
        links: all('[data-testid="timeline-link"]').length,
        logouts: marks.filter(
          (m) =>
            m.dataset.kind === 'event' &&
            /^Logout at /.test(m.querySelector(':scope > title')?.textContent ?? ''),
        ).length,
      };
    });
    expect(stats.families).toBeGreaterThanOrEqual(8);
    expect(stats.verdicts.accepted).toBeGreaterThan(0);
    expect(stats.verdicts.rejected).toBeGreaterThan(0);
    // The notifications WebSocket's upgrade (HTTP 101) judged nothing: unknown.
    expect(stats.verdicts.unknown).toBeGreaterThan(0);
    // The three verdicts are told apart by colour (beside their shapes).
    expect(new Set(stats.fills).size).toBe(3);
    expect(stats.fills).not.toContain('');
    expect(stats.links).toBeGreaterThan(0);
    expect(stats.logouts).toBeGreaterThan(0);
  });

  it('opens a finding marker from the keyboard: the detail shows that finding, the family and verdicts', async () => {
    const marker = await panel.$('[data-testid="timeline-mark"][data-rule-id="token-accepted-after-logout"]');
    expect(marker).not.toBeNull();
    await marker?.evaluate((el) => (el as SVGElement).focus());
    await panel.page().keyboard.press('Enter');
    // The detail scrolls to the finding and focuses it once it is drawn.
    await waitInPanel(panel, () => !!document.activeElement?.matches('.finding.is-target'), null);
    const detail = await panel.evaluate(() => ({
      target: document.querySelector<HTMLElement>('.finding.is-target')?.dataset.ruleId,
      focused: document.activeElement?.classList.contains('is-target'),
      family: document.querySelectorAll('[data-testid="family"]').length,
      familyLinks: document.querySelectorAll('[data-testid="family-link"]').length,
      verdicts: [...document.querySelectorAll('[data-testid="sighting-verdict"]')].map(
        (e) => e.textContent ?? '',
      ),
      errors: [...document.querySelectorAll('[data-testid="verdict-error"]')].map((e) => e.textContent ?? ''),
    }));
    expect(detail.target).toBe('token-accepted-after-logout');
    expect(detail.focused).toBe(true);
    expect(detail.family).toBeGreaterThan(0);
    expect(detail.familyLinks).toBeGreaterThan(0);
    expect(detail.verdicts.some((v) => /accepted/i.test(v))).toBe(true);
    expect(detail.verdicts.some((v) => /rejected/i.test(v))).toBe(true);
    expect(detail.errors.some((e) => e.includes('invalid_token'))).toBe(true);
    if (process.env.JWT_LENS_TIMELINE_SHOT)
      await session.devtools.screenshot({ path: process.env.JWT_LENS_TIMELINE_SHOT as `${string}.png` });
  });
});
