import { readFileSync } from 'node:fs';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoPanel } from '../harness/demo-panel';
import { clickByName, countInPanel, waitInPanel } from '../harness/panel-query';
import type { E2eSession } from '../harness/session';

// The Compliance tab in the real DevTools panel: it opens beside the token list, and its HTML audit report
// downloads through the Blob + <a download> path. Control rows depend on the engine (a stand-in on the
// panel branch), so this checks the view and the file, not the statuses (test/panel does those).
describe('Compliance view in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens from its tab with a framework picker, and the Tokens tab brings the list back', async () => {
    await clickByName(panel, 'Compliance');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="compliance-view"]'), null);
    expect(await countInPanel(panel, '[data-testid="framework-picker"] option')).toBeGreaterThan(0);
    expect(await countInPanel(panel, '[data-testid="token-list"]')).toBe(0);
    await clickByName(panel, 'Tokens');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="token-row"]'), null);
  });

  it('downloads a self-contained, redacted HTML audit report', async () => {
    const file = await session.downloads.capture(() => clickByName(panel, 'Export audit report (HTML)'));
    expect(file.suggestedFilename).toMatch(/^jwt-lens-audit-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.html$/);
    const html = readFileSync(file.path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script|<link|src=/i);
    // Redacted: no complete compact JWS (header.payload.signature) of the captured tokens gets in.
    expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/);
  });
});
