import { readFileSync } from 'node:fs';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoPanel } from '../harness/demo-panel';
import { findPanelFrame } from '../harness/devtools-panel';
import { clickByName, countInPanel, waitInPanel } from '../harness/panel-query';
import type { E2eSession } from '../harness/session';
import { collectEgress } from '../harness/zero-egress';

// The Compliance tab in the real DevTools panel over the demo's traffic, with the engine's statuses: it opens
// beside the token list, a failing control links to its finding in the token detail, and the HTML audit
// report downloads through the Blob + <a download> path with the same statuses and no network request.
describe('Compliance view in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  const rowStatuses = () =>
    panel.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-testid="control-row"]')].map((row) => [
          row.dataset.control,
          row.querySelector('[data-testid="status-badge"]')?.textContent,
        ]),
      ),
    );

  it('shows the engine’s statuses for the demo, every framework by default', async () => {
    await clickByName(panel, 'Compliance');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="control-row"]'), null);
    expect(await countInPanel(panel, '[data-testid="framework-picker"] option')).toBe(8);
    expect(await countInPanel(panel, '[data-testid="token-list"]')).toBe(0);
    await panel.select('[data-testid="framework-picker"]', 'hipaa');
    await waitInPanel(panel, () => !!document.querySelector('[data-control="164.312(d)"]'), null);
    const statuses = await rowStatuses();
    // The demo app's server accepts an unsigned and a forged token; its traffic stays on 127.0.0.1 (cleartext
    // that never left the machine is no transmission failure); a token lifetime is not an automatic logoff.
    expect(statuses['164.312(d)']).toBe('Fail');
    expect(statuses['164.312(e)(1)']).toBe('Pass');
    expect(statuses['164.312(a)(2)(iii)']).toBe('Partial');
  });

  it('opens a failing control and shows its finding in the token detail', async () => {
    await panel.click('[data-testid="control-row"][data-control="164.312(d)"]');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="show-finding"]'), null);
    const rules = await panel.$$eval('[data-testid="control-finding"]', (items) =>
      items.map((item) => (item as HTMLElement).dataset.ruleId),
    );
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r === 'alg-none-accepted' || r === 'sig-invalid-accepted')).toBe(true);
    await panel.click('[data-testid="show-finding"]');
    await waitInPanel(panel, () => !!document.querySelector('.finding.is-target'), null);
    const target = await panel.evaluate(() => ({
      rule: document.querySelector<HTMLElement>('.finding.is-target')?.dataset.ruleId,
      focused: document.activeElement?.classList.contains('is-target'),
      tab: document.querySelector('[data-testid="view-tokens"]')?.getAttribute('aria-selected'),
    }));
    expect(target).toEqual({ rule: rules[0], focused: true, tab: 'true' });
  });

  it('downloads a self-contained, redacted HTML audit report with the statuses, and sends nothing', async () => {
    const file = await session.downloads.capture(() => clickByName(panel, 'Export audit report (HTML)'));
    expect(file.suggestedFilename).toMatch(/^jwt-lens-audit-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.html$/);
    const html = readFileSync(file.path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script|<link|src=/i);
    // Redacted: no complete compact JWS (header.payload.signature) of the captured tokens gets in.
    expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/);
    expect(html.match(/<section [^>]*data-framework="/g)).toHaveLength(8);
    expect(html).toMatch(/<tr [^>]*data-control="164\.312\(d\)" data-status="fail"/);
    expect(html).toMatch(/<tr [^>]*data-control="164\.312\(e\)\(1\)" data-status="pass"/);
    const frames = [findPanelFrame(session.devtools), ...session.devtools.frames()].filter(
      (f): f is Frame => !!f && f.url().startsWith('chrome-extension://'),
    );
    expect(await collectEgress(session, frames)).toEqual([]);
  });
});
