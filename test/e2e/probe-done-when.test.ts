import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoPanel } from '../harness/demo-panel';
import { findPanelFrame } from '../harness/devtools-panel';
import { clickByName, waitInPanel } from '../harness/panel-query';
import { importProbeReport } from '../harness/probe-results';
import type { E2eSession } from '../harness/session';
import { collectEgress } from '../harness/zero-egress';

const run = promisify(execFile);

/**
 * Issue 15's Done-when, end to end in real Chromium with the real CLI: on the demo app, "Call the probe
 * endpoints", then for a flawed endpoint (alg none) and for the sound one: "Probe this request…" on the
 * token's sighting there, save the HAR (a download), run `node bin/jwt-lens.js probe <file> --entry 0
 * --format json -o <report>` against the running demo server, import the report into the panel and read
 * the probe findings on the token. Needs `npm run build` (the CLI bundle and the extension).
 */
describe('probe: save, run the CLI, import the report (Done-when)', () => {
  let session: E2eSession;
  let panel: Frame;
  let dir: string;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-probe-done-'));
    await session.page.bringToFront();
    await session.page.click('#probe');
    await session.page.waitForFunction(
      () => document.getElementById('status')?.textContent?.startsWith('probe endpoints called'),
      { timeout: 20_000 },
    );
  });

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Opens "Probe this request…" on the Bearer token's sighting whose URL contains `path` (the demo's session
   * cookie rides along on the same request); returns the token's fingerprint.
   */
  async function openProbeOn(path: string): Promise<string> {
    await waitInPanel(
      panel,
      async (p) => {
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="token-row"]')];
        for (const row of rows) {
          row.click();
          await new Promise((r) => setTimeout(r, 30));
          const sighting = [...document.querySelectorAll('[data-testid="sighting"]')].find(
            (s) =>
              s.getAttribute('data-where') === 'request-header' &&
              (s.querySelector('[data-testid="sighting-request"]')?.textContent ?? '').includes(p) &&
              s.querySelector('[data-testid="probe-open"]'),
          );
          if (sighting) {
            sighting.querySelector<HTMLElement>('[data-testid="probe-open"]')?.click();
            return true;
          }
        }
        return false;
      },
      path,
    );
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="probe-dialog"]'), null);
    return panel.evaluate(
      () => document.querySelector('[data-testid="detail-fingerprint"]')?.textContent ?? '',
    );
  }

  /** Saves the HAR from the open dialog, runs the real CLI on it, imports its JSON report; the panel's view. */
  async function probeAndImport(path: string, name: string) {
    const fingerprint = await openProbeOn(path);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const keyNote = await panel.evaluate(
      () => document.querySelector('[data-testid="probe-key-note"]')?.textContent ?? '',
    );
    expect(keyNote).toMatch(/public keys only/);
    const command = await panel.evaluate(
      () => document.querySelector('[data-testid="probe-command"]')?.textContent ?? '',
    );
    const file = await session.downloads.capture(() => clickByName(panel, 'Save request as HAR'));
    await clickByName(panel, 'Close');
    const har = JSON.parse(readFileSync(file.path, 'utf8'));
    expect(har.log.entries[0].request.url).toBe(`${session.demoUrl}${path}`);
    expect(har.log.entries.length).toBeGreaterThan(1);
    const report = join(dir, `${name}.json`);
    // The command the dialog shows, as the user runs it where the file was saved.
    const [tool, sub, saved, ...options] = command.split(' ');
    expect([tool, sub, saved]).toEqual(['jwt-lens', 'probe', file.suggestedFilename]);
    expect(options).toEqual(['--entry', '0', '--token', fingerprint]);
    const argv = ['bin/jwt-lens.js', 'probe', file.path, ...options, '--format', 'json', '-o', report];
    const cli = await run(process.execPath, argv, { timeout: 60_000 }).catch((e) => e);
    if (cli.code === 2) throw new Error(`jwt-lens probe failed: ${cli.stderr}`);
    expect(cli.stderr).toMatch(/wrote .*\.json/);
    const view = await importProbeReport(panel, report, fingerprint);
    return { fingerprint, ...view };
  }

  it('shows the alg-none finding on the token sent to the flawed endpoint', async () => {
    const view = await probeAndImport('/probe/alg-none', 'alg-none');
    expect(view.token).toBe(view.fingerprint);
    expect(view.rules).toEqual(['probe-alg-none-accepted']);
    expect(view.request).toContain('/probe/alg-none');
    expect(view.verdicts).toContain('accepted');
    expect(view.text).toContain('negative control');
  });

  it('shows no probe finding for the sound endpoint: every tampered token refused', async () => {
    const view = await probeAndImport('/probe/sound', 'sound');
    expect(view.rules).toEqual([]);
    expect(view.request).toContain('/probe/sound');
    expect(view.verdicts.length).toBeGreaterThan(8);
    expect(view.verdicts.every((v) => v === 'rejected')).toBe(true);
    // The key set saved after entry 0 let the CLI try algorithm confusion with the issuer's public key.
    expect(view.text).toContain('alg-confusion:pem');
  });

  it('made no network request from the extension throughout', async () => {
    const frames = [findPanelFrame(session.devtools), ...session.devtools.frames()].filter(
      (f): f is Frame => !!f && f.url().startsWith('chrome-extension://'),
    );
    expect(await collectEgress(session, frames)).toEqual([]);
  });
});
