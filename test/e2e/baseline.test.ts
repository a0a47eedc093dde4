import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../harness/builds';
import { ensureCliBundle } from '../harness/cli-bundle';
import { clickByName, waitInPanel } from '../harness/panel-query';
import { tokenCounts } from '../harness/panel-state';
import { type E2eSession, startE2eSession } from '../harness/session';

/** `node bin/jwt-lens.js <args>` run in `cwd`, so the HAR is named as the panel names it (its base name). */
function jwtLens(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/jwt-lens.js'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function upload(panel: Frame, testId: string, path: string): Promise<void> {
  const input = (await panel.$(`[data-testid="${testId}-input"]`)) as ElementHandle<HTMLInputElement> | null;
  if (!input) throw new Error(`no ${testId} file input in the panel`);
  await input.uploadFile(path);
}

const statusText = (panel: Frame) =>
  panel.evaluate(() => document.querySelector('[data-testid="status-message"]')?.textContent ?? '');

async function waitForStatus(panel: Frame, pattern: RegExp): Promise<string> {
  await waitInPanel(
    panel,
    (source) =>
      new RegExp(source).test(document.querySelector('[data-testid="status-message"]')?.textContent ?? ''),
    pattern.source,
  );
  return statusText(panel);
}

/**
 * Baselines in the real DevTools panel (issue 16): "Save as baseline" on an imported HAR downloads the very
 * bytes `jwt-lens baseline` writes for it; the CLI's file imports into the panel and "Compare with
 * baseline" finds no drift on the same capture; on a drifted capture the drift findings show under the
 * Drift filter, with the baseline's expected value beside the one seen in the token detail.
 */
describe('baselines in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;
  let dir: string;

  beforeAll(async () => {
    await ensureCliBundle();
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-baseline-e2e-'));
    copyFileSync(join(ROOT, 'test/fixtures/demo.har'), join(dir, 'demo.har'));
    // The same traffic with the API calls sent to another host: their access tokens drift.
    const drifted = readFileSync(join(dir, 'demo.har'), 'utf8').replaceAll(
      'https://api.example.com/',
      'https://api.elsewhere.example/',
    );
    writeFileSync(join(dir, 'drifted.har'), drifted);
    session = await startE2eSession();
    panel = await session.showPanel();
  });

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('saves a baseline byte-identical to `jwt-lens baseline demo.har`', async () => {
    await upload(panel, 'import-har', join(dir, 'demo.har'));
    await waitForStatus(panel, /^Imported 17 requests/);
    const file = await session.downloads.capture(() => clickByName(panel, 'Save as baseline'));
    expect(file.suggestedFilename).toBe('jwt-baseline.json');
    expect(await waitForStatus(panel, /^Saved as baseline/)).toBe(
      'Saved as baseline: 6 profiles from 9 tokens; downloaded jwt-baseline.json',
    );
    const cli = jwtLens(['baseline', 'demo.har'], dir);
    expect(cli.status).toBe(0);
    expect(readFileSync(file.path, 'utf8')).toBe(cli.stdout);
  });

  it('imports the CLI’s baseline and finds no drift on the same capture', async () => {
    const learned = jwtLens(['baseline', 'demo.har', '-o', 'jwt-baseline.json'], dir);
    expect(learned.status).toBe(0);
    await upload(panel, 'baseline-import', join(dir, 'jwt-baseline.json'));
    expect(await waitForStatus(panel, /^Imported baseline/)).toBe(
      'Imported baseline jwt-baseline.json (6 profiles from 9 tokens)',
    );
    await clickByName(panel, 'Compare with baseline');
    expect(await waitForStatus(panel, /^Comparing/)).toBe('Comparing with the baseline: 0 drift findings');
    await clickByName(panel, 'Drift');
    await waitInPanel(
      panel,
      () => /^0 of [1-9]/.test(document.querySelector('[data-testid="counter-visible"]')?.textContent ?? ''),
      null,
    );
  });

  it('shows a drifted capture’s drift findings under the Drift filter, expected beside seen', async () => {
    await clickByName(panel, 'Clear');
    await upload(panel, 'import-har', join(dir, 'drifted.har'));
    await waitForStatus(panel, /^Imported 17 requests/);
    // Drift is recomputed once the capture has been quiet (in the worker): rows appear under the filter.
    await waitInPanel(panel, () => document.querySelectorAll('[data-testid="token-row"]').length > 0, null);
    const counts = await tokenCounts(panel);
    expect(counts.visible).toBeGreaterThan(0);
    expect(counts.visible).toBeLessThan(counts.total);
    await panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid="token-row"]')?.click());
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="drift-compare"]'), null);
    const shown = await panel.evaluate(() => {
      const finding = [...document.querySelectorAll<HTMLElement>('[data-testid="finding"]')].find(
        (f) => f.dataset.ruleId === 'drift-new-recipient-host',
      );
      return {
        drift: [...document.querySelectorAll<HTMLElement>('[data-testid="finding"]')]
          .map((f) => f.dataset.ruleId ?? '')
          .filter((id) => id.startsWith('drift-')),
        expected: finding?.querySelector('[data-testid="drift-expected"]')?.textContent ?? '',
        seen: finding?.querySelector('[data-testid="drift-seen"]')?.textContent ?? '',
      };
    });
    expect(shown.drift).toContain('drift-new-recipient-host');
    expect(shown.expected).toContain('api.example.com');
    expect(shown.seen).toContain('api.elsewhere.example');
    expect(shown.seen).not.toContain('api.example.com');
  });

  it('stops comparing: the drift findings and the Drift filter go', async () => {
    await clickByName(panel, 'Compare with baseline');
    expect(await waitForStatus(panel, /^Stopped/)).toBe('Stopped comparing with the baseline');
    await waitInPanel(panel, () => !document.querySelector('[data-testid="filter-drift"]'), null);
    await waitInPanel(panel, () => !document.querySelector('[data-testid="drift-compare"]'), null);
    const counts = await tokenCounts(panel);
    expect(counts.visible).toBe(counts.total);
  });
});
