import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportValidator } from '../core/report/schema-validator';
import { openDemoPanel } from '../harness/demo-panel';
import { clickByName, waitInPanel } from '../harness/panel-query';
import { exportJson, openTokenRow, readCounter, tokenCounts, waitForTokens } from '../harness/panel-state';
import type { E2eSession } from '../harness/session';

interface ReportSighting {
  id: string;
  where: string;
  name: string;
  url: string;
}
interface ReportToken {
  fingerprint: string;
  masked: string;
  sightings: ReportSighting[];
}
interface ReportFinding {
  ruleId: string;
  severity: string;
  detail?: string;
}

// The demo app runs its login flow before the panel is first shown (so backfill via getHAR() is tested),
// then more traffic happens with the panel open (live capture).
describe('capture from the demo app in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('backfills the requests made before the panel was opened', async () => {
    expect(await readCounter(panel, 'counter-requests')).toBeGreaterThanOrEqual(13);
    expect((await tokenCounts(panel)).total).toBeGreaterThanOrEqual(7);
  });

  it('shows findings in the list, with the alg:none token as critical', async () => {
    expect(await readCounter(panel, 'counter-findings')).toBeGreaterThan(5);
    await openTokenRow(panel, '[data-severity="critical"]');
    await waitInPanel(panel, () => document.querySelectorAll('[data-testid="finding"]').length > 0, null);
    const rules = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid="finding"]')].map((el) => el.getAttribute('data-rule-id')),
    );
    expect(rules.some((r) => r === 'alg-none' || r === 'hmac-weak-secret' || r === 'alg-none-accepted')).toBe(
      true,
    );
  });

  it('captures live traffic once the panel is open', async () => {
    const before = (await tokenCounts(panel)).total;
    await session.page.evaluate(() =>
      (window as unknown as { demoBurst(n: number): Promise<number> }).demoBurst(3),
    );
    await waitForTokens(panel, before + 3);
  });

  it("captures a WebSocket's frames live, when the socket closes", async () => {
    const before = (await tokenCounts(panel)).total;
    // The flow again, with the panel open: fresh login tokens, and a notifications socket that sends the
    // access token in its first frame and receives a ticket (a nested JWT) before it closes.
    await session.page.evaluate(() => (window as unknown as { demoFlow(): Promise<string> }).demoFlow());
    await waitForTokens(panel, before + 4);
  });

  it('exports a schema-valid, redacted JSON report of every capture path', async () => {
    await clickByName(panel, 'Scan storage');
    await waitInPanel(
      panel,
      () => /storage/i.test(document.querySelector('[data-testid="status-message"]')?.textContent ?? ''),
      null,
    );
    const report = await exportJson(panel, session.downloads);
    expect(createReportValidator()(report.json)).toEqual([]);
    expect(report.filename).toMatch(/\.json$/);
    expect(report.json.rawIncluded).toBe(false);

    const tokens = report.json.tokens as ReportToken[];
    const sightings = tokens.flatMap((t) => t.sightings);
    const seen = (where: string, name: RegExp) =>
      sightings.some((s) => s.where === where && name.test(s.name));
    expect(seen('request-header', /^authorization$/i)).toBe(true);
    expect(seen('request-cookie', /^session$/)).toBe(true);
    expect(seen('set-cookie', /^(session|refresh_token)$/)).toBe(true);
    expect(seen('query', /^access_token$/)).toBe(true);
    expect(seen('response-body', /access_token|id_token|refresh_token/)).toBe(true);
    expect(seen('storage', /id_token|auth/)).toBe(true);
    // WebSocket frames, from the backfill (getHAR) and from the live stream (onRequestFinished).
    for (const source of ['har-', 'live-']) {
      const frames = sightings.filter((s) => s.id.startsWith(source) && s.url.startsWith('ws://'));
      expect(frames.map((s) => `${s.where} ${s.name}`)).toEqual(
        expect.arrayContaining([
          'request-body WebSocket sent: $.token',
          'response-body WebSocket received: $.ticket',
        ]),
      );
    }

    const rules = new Set((report.json.findings as ReportFinding[]).map((f) => f.ruleId));
    for (const rule of [
      'alg-none',
      'token-in-url',
      'cookie-no-httponly',
      'token-in-web-storage',
      'exp-expired',
    ]) {
      expect(rules).toContain(rule);
    }

    // Redacted: no raw token, signature or personal claim value from the demo appears anywhere.
    const idToken = await session.page.evaluate(() => localStorage.getItem('id_token') ?? '');
    expect(idToken.split('.')).toHaveLength(3);
    expect(report.text).not.toContain(idToken);
    expect(report.text).not.toContain(idToken.split('.')[2]);
    expect(report.text).not.toContain('demo.user@example.com');
    // The socket ticket's inner layer is judged too: `alg: none` under a valid RS256 signature.
    const nested = (report.json.findings as ReportFinding[]).filter((f) =>
      f.detail?.startsWith('Nested token'),
    );
    expect(nested.map((f) => `${f.ruleId} ${f.severity}`)).toContain('alg-none critical');
    expect(sightings.every((s) => !s.url.includes(idToken))).toBe(true);
  });
});
