import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportValidator } from '../core/report/schema-validator';
import { openDemoPanel } from '../harness/demo-panel';
import { waitInPanel } from '../harness/panel-query';
import { exportJson, openTokenRow, tokenCounts, waitForTokens } from '../harness/panel-state';
import type { E2eSession } from '../harness/session';

/** Opaque tokens a page might hold (synthetic): the demo server rejects them, which capture does not mind. */
const OPAQUE_AT = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const OPAQUE_RT = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';

interface ReportToken {
  kind: string;
  purpose: string;
  masked: string;
  sightings: { where: string; name: string }[];
}

describe('opaque tokens in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('captures a Bearer credential and a refresh grant that are not JWTs, labelled opaque', async () => {
    const before = (await tokenCounts(panel)).total;
    await session.page.evaluate(
      async (at, rt) => {
        await fetch('/api/profile', { headers: { Authorization: `Bearer ${at}` } });
        await fetch('/api/token', {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }),
        });
      },
      OPAQUE_AT,
      OPAQUE_RT,
    );
    await waitForTokens(panel, before + 2);
    await waitInPanel(
      panel,
      () =>
        [...document.querySelectorAll('[data-testid="token-kind"]')].filter(
          (el) => el.textContent === 'opaque',
        ).length === 2,
      null,
    );
    await openTokenRow(panel, ':has([data-testid="token-kind"].kind-opaque)');
    const detail = await panel.evaluate(() => ({
      note: document.querySelector('[data-testid="opaque-note"]')?.textContent ?? '',
      claims: document.querySelectorAll('[data-testid="claims-json"]').length,
      text: document.querySelector('[data-testid="token-detail"]')?.textContent ?? '',
    }));
    expect(detail.note).toContain('not a JWT');
    expect(detail.claims).toBe(0);
    expect(detail.text).not.toContain(OPAQUE_AT);
    expect(detail.text).not.toContain(OPAQUE_RT);
  });

  it('exports them as kind opaque, masked, with their purpose', async () => {
    const report = await exportJson(panel, session.downloads);
    expect(createReportValidator()(report.json)).toEqual([]);
    const opaque = (report.json.tokens as ReportToken[]).filter((t) => t.kind === 'opaque');
    expect(
      opaque.map((t) => [t.purpose, t.masked, t.sightings[0]?.where, t.sightings[0]?.name]).sort(),
    ).toEqual([
      ['access', 'gho_…(40 chars)', 'request-header', 'Authorization'],
      ['refresh', 'Kq7Z…(43 chars)', 'request-body', 'refresh_token'],
    ]);
    expect(report.text).not.toContain(OPAQUE_AT);
    expect(report.text).not.toContain(OPAQUE_RT);
  });
});
