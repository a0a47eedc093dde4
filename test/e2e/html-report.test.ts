import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/core/report/html';
import { DEMO_OPTIONS, demoCompliance, demoResult } from '../harness/audit-report-sample';
import { type LaunchedBrowser, launchPlain } from '../harness/launch';

/**
 * The HTML audit report in real Chromium, opened from a file: it renders (status tables and findings
 * visible, its style sheet admitted by the CSP hash), prints to PDF, and makes no request at all (CDP
 * Network records every request; interception aborts anything but the report itself). The README's
 * screenshot is taken here: `UPDATE_SCREENSHOT=1` writes docs/audit-report.png.
 */

const HOSTILE =
  '"><img src=x onerror="document.body.dataset.pwned=1"></style><script>document.body.dataset.pwned=2</script>';

describe('HTML audit report in Chromium', () => {
  let launched: LaunchedBrowser;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const intercepted: string[] = [];
  const consoleLines: string[] = [];
  let reportUrl: string;
  /** The engine's statuses the report was written from, `framework control` → status. */
  let expected: Map<string, string>;

  beforeAll(async () => {
    const result = demoResult();
    // A hostile finding detail, rule title and input name: all must stay text.
    const [first] = result.findings;
    if (first) result.findings[0] = { ...first, detail: `${first.detail} ${HOSTILE}`, title: HOSTILE };
    const compliance = demoCompliance(result);
    expected = new Map(
      compliance.frameworks.flatMap((f) =>
        f.controls.map((c) => [`${f.framework.id} ${c.control}`, c.status]),
      ),
    );
    const html = htmlReport(result, compliance, {
      ...DEMO_OPTIONS,
      inputs: [`demo.har${HOSTILE}`],
    });
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    reportUrl = pathToFileURL(file).href;
    launched = await launchPlain();
    page = await launched.browser.newPage();
    page.on('console', (message) => consoleLines.push(message.text()));
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (event) => requests.push(event.request.url));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === reportUrl) return void request.continue();
      intercepted.push(request.url());
      return void request.abort();
    });
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(reportUrl, { waitUntil: 'networkidle0' });
  });

  afterAll(async () => {
    await launched?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the scope, the status tables and the findings, styled', async () => {
    const view = await page.evaluate(() => {
      const visible = (selector: string) =>
        [...document.querySelectorAll(selector)].filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        }).length;
      const fail = document.querySelector('.badge.st-fail');
      return {
        title: document.title,
        scope: visible('#scope dl.facts'),
        overview: visible('[data-testid="compliance-overview"] tbody tr'),
        tables: visible('table.controls'),
        controlRows: visible('table.controls tbody tr'),
        rules: visible('article.rule'),
        findingRows: visible('table.findings tbody tr'),
        digest: document.querySelector('[data-testid="digest"] code')?.textContent ?? '',
        // The style sheet applies only if the CSP admitted it by its hash.
        failBorder: fail ? getComputedStyle(fail).borderTopWidth : '',
        failCase: fail ? getComputedStyle(fail).textTransform : '',
      };
    });
    expect(view.title).toBe('JWT authentication audit report');
    expect(view.scope).toBe(1);
    expect(view.overview).toBe(3);
    expect(view.tables).toBe(3);
    expect(view.controlRows).toBe(expected.size);
    expect(view.rules).toBeGreaterThan(10);
    expect(view.findingRows).toBeGreaterThan(20);
    expect(view.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(view.failBorder).toBe('2px');
    expect(view.failCase).toBe('uppercase');
  });

  it('shows each control with the status the engine gave it, as a labelled badge', async () => {
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('section[data-framework] table.controls tbody tr')].map(
        (tr) => ({
          key: `${tr.closest<HTMLElement>('section')?.dataset.framework} ${tr.dataset.control}`,
          status: tr.dataset.status,
          badge: tr.querySelector<HTMLElement>('.badge')?.dataset.status,
          label: tr.querySelector('.badge')?.textContent ?? '',
        }),
      ),
    );
    expect(new Map(rows.map((r) => [r.key, r.status]))).toEqual(expected);
    for (const row of rows) {
      expect(row.badge).toBe(row.status);
      expect(row.label).not.toBe('');
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['fail', 'partial', 'out-of-scope', 'not-observed']),
    );
    // The demo's cleartext request: SP 800-53 SC-8 fails on the engine's transport-cleartext finding.
    expect(expected.get('nist-800-53 SC-8')).toBe('fail');
  });

  it('keeps hostile text as text: no element, handler or script came out of it', async () => {
    const dom = await page.evaluate(() => ({
      pwned: document.body.dataset.pwned ?? null,
      images: document.querySelectorAll('img').length,
      scripts: document.scripts.length,
      styles: document.querySelectorAll('style').length,
      handlers: [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => /^on/i.test(a.name)),
      ).length,
      shown: document.body.innerText.includes('<img src=x onerror='),
    }));
    expect(dom).toEqual({ pwned: null, images: 0, scripts: 0, styles: 1, handlers: 0, shown: true });
  });

  it('prints to PDF on A4 and Letter', async () => {
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = Buffer.from(await page.pdf({ format, printBackground: true }));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      // Scope and method, the overview, one page per framework, the findings: at least five pages.
      expect(pages.length, format).toBeGreaterThanOrEqual(5);
    }
  });

  it('made no network request and no CSP complaint', async () => {
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(requests.filter((url) => url !== reportUrl)).toEqual([]);
    expect(intercepted).toEqual([]);
    expect(resources).toEqual([]);
    expect(consoleLines.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
  });

  it('looks like a report (screenshot for the README: one framework status table)', async () => {
    // SP 800-63B-4: six controls, three statuses (fail, partial, out of scope); a small picture.
    const section = await page.$('section[data-framework="nist-800-63b"]');
    const box = await section?.boundingBox();
    expect(box).toBeTruthy();
    if (!box) return;
    const clip = { x: box.x - 24, y: box.y - 8, width: box.width + 48, height: box.height + 24 };
    const png = await page.screenshot({ type: 'png', clip, captureBeyondViewport: true });
    expect(png.length).toBeGreaterThan(10_000);
    const out = process.env.UPDATE_SCREENSHOT ? 'docs' : dir;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'audit-report.png'), png);
  });
});
