import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureHar } from '../../src/core/capture';
import { fingerprintOf } from '../../src/core/crypto/fingerprint';
import { openDemoPanel } from '../harness/demo-panel';
import { findPanelFrame } from '../harness/devtools-panel';
import { clickByName, waitInPanel } from '../harness/panel-query';
import { importProbeReport } from '../harness/probe-results';
import type { E2eSession } from '../harness/session';
import { collectEgress } from '../harness/zero-egress';

/**
 * The panel's hand-over to `jwt-lens probe` (issue 15) in real Chromium: on a demo token's request,
 * "Probe this request…" saves that one exchange as a HAR (a real download) and shows the command, whose
 * Copy button puts it on the clipboard; importing a probe report shows its findings on the token. The
 * extension still sends nothing.
 */
describe('probe hand-over in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;
  let dir: string;
  let fingerprint = '';
  let command = '';

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
    dir = mkdtempSync(join(tmpdir(), 'jwt-lens-probe-e2e-'));
  });

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers "Probe this request…" on a request that carried the token, with the secret warning', async () => {
    // The first token (in list order) that travelled in an Authorization header of an HTTP request.
    fingerprint = await panel.evaluate(async () => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="token-row"]')];
      for (const row of rows) {
        row.click();
        await new Promise((r) => setTimeout(r, 50));
        const sighting = [...document.querySelectorAll('[data-testid="sighting"]')].find(
          (s) =>
            s.getAttribute('data-where') === 'request-header' &&
            s.querySelector('[data-testid="probe-open"]'),
        );
        if (sighting) {
          sighting.querySelector<HTMLElement>('[data-testid="probe-open"]')?.click();
          return document.querySelector('[data-testid="detail-fingerprint"]')?.textContent ?? '';
        }
      }
      return '';
    });
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="probe-dialog"]'), null);
    const note = await panel.evaluate(
      () => document.querySelector('[data-testid="probe-secret-note"]')?.textContent ?? '',
    );
    expect(note).toMatch(/holds the raw token/);
    expect(note).toMatch(/secret/);
    command = await panel.evaluate(
      () => document.querySelector('[data-testid="probe-command"]')?.textContent ?? '',
    );
    expect(command).toMatch(
      /^jwt-lens probe jwt-lens-probe-[\dT-]+Z\.har --entry 0( --token [0-9a-f]{16})?$/,
    );
  });

  it('saves that one exchange as a HAR the CLI loads, with the token where it travelled', async () => {
    const file = await session.downloads.capture(() => clickByName(panel, 'Save request as HAR'));
    expect(command).toContain(`probe ${file.suggestedFilename} --entry 0`);
    const har = JSON.parse(readFileSync(file.path, 'utf8'));
    expect(har.log.version).toBe('1.2');
    // Entry 0 is the request; the key sets seen in the capture follow it (public keys only).
    expect(har.log.entries.length).toBeGreaterThanOrEqual(1);
    for (const keys of har.log.entries.slice(1)) expect(keys.request.method).toBe('GET');
    const entry = har.log.entries[0];
    expect(entry.request.url.startsWith(session.demoUrl)).toBe(true);
    const capture = captureHar(har);
    if ('error' in capture) throw new Error(capture.error);
    const probed = capture.sightings.filter((s) => fingerprintOf(s.tokenText) === fingerprint);
    expect(probed.map((s) => s.where)).toContain('request-header');
    // Raw, as the dialog said: the token itself is in the file, not a masked form.
    expect(JSON.stringify(entry.request)).toContain(probed[0]?.tokenText);
  });

  it('copies the command to the clipboard', async () => {
    // No permission is granted to the extension: a click in the panel may write the clipboard. Reading
    // it back is what needs one, given to the demo page only.
    await session.browser
      .defaultBrowserContext()
      .overridePermissions(new URL(session.demoUrl).origin, ['clipboard-read', 'clipboard-write']);
    await clickByName(panel, 'Copy command');
    await waitInPanel(panel, () => !!document.querySelector('[data-testid="probe-copied"]'), null);
    const outcome = await panel.evaluate(
      () => document.querySelector('[data-testid="probe-copied"]')?.textContent ?? '',
    );
    expect(outcome).toBe('Copied');
    // Read it back from a page of the same browser (the system clipboard is shared).
    // Headless windows lose focus to each other when the machine is busy, and the Clipboard API refuses an
    // unfocused document: emulate focus for the page that reads, as a user's click would give it.
    await session.page.bringToFront();
    const cdp = await session.page.createCDPSession();
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    const pasted = await session.page.evaluate(() => navigator.clipboard.readText());
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    await cdp.detach();
    expect(pasted).toBe(command);
    await clickByName(panel, 'Close');
  });

  it('imports a probe report and shows its findings, with evidence, on the probed token', async () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/probe-report.json', 'utf8'));
    const text = JSON.stringify(fixture).replaceAll(fixture.tokens[0].fingerprint, fingerprint);
    const path = join(dir, 'probe-report.json');
    writeFileSync(path, text);
    const view = await importProbeReport(panel, path);
    expect(view.token).toBe(fingerprint);
    expect(view.rules).toEqual(['probe-alg-none-accepted']);
    expect(view.evidence).toContain('negative control');
    expect(view.verdicts).toEqual(fixture.probes[0].outcomes.map((o: { verdict: string }) => o.verdict));
    expect(view.status).toBe('Imported probe report: 1 run, 1 finding on 1 token');
  });

  it('made no network request from the extension throughout', async () => {
    const frames = [findPanelFrame(session.devtools), ...session.devtools.frames()].filter(
      (f): f is Frame => !!f && f.url().startsWith('chrome-extension://'),
    );
    expect(await collectEgress(session, frames)).toEqual([]);
  });
});
