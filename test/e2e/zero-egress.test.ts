import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDemoPanel } from '../harness/demo-panel';
import { findPanelFrame } from '../harness/devtools-panel';
import { clickByName, waitForText } from '../harness/panel-query';
import type { E2eSession } from '../harness/session';
import { collectEgress } from '../harness/zero-egress';

// The extension's own pages must never talk to the network: every request from a chrome-extension://
// document or worker is recorded while the panel captures the demo app, then checked. The companion
// file egress-canary.test.ts proves this check fails on a build that does leak.
describe('zero egress from the extension (real Chromium)', () => {
  let session: E2eSession;
  let panel: Frame;

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
    // Exercise the panel: live capture, a storage scan and an export all happen with the monitor on.
    await session.page.evaluate(() =>
      (window as unknown as { demoBurst(n: number): Promise<number> }).demoBurst(20),
    );
    await clickByName(panel, 'Scan storage');
    await waitForText(panel, 'storage');
    await session.downloads.capture(() => clickByName(panel, 'Export JSON'));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('watched the extension pages (the monitor saw their own files load)', () => {
    const own = session.egress
      .all()
      .filter((r) => r.url.startsWith(`chrome-extension://${session.extensionId}/`));
    expect(own.some((r) => r.url.endsWith('/src/panel/panel.html'))).toBe(true);
    expect(own.some((r) => r.url.endsWith('/src/devtools/devtools.html'))).toBe(true);
  });

  it('made zero network requests from the devtools page, the panel or its worker', async () => {
    const frames = [findPanelFrame(session.devtools), ...session.devtools.frames()].filter(
      (f): f is Frame => !!f && f.url().startsWith('chrome-extension://'),
    );
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(await collectEgress(session, frames)).toEqual([]);
  });

  it('runs the core worker from a packaged file, where the CSP lets its WebAssembly kernel compile', async () => {
    const isCoreWorker = (url: string) =>
      /^chrome-extension:\/\/[a-p]{32}\/assets\/core-worker-[\w-]+\.js$/.test(url);
    await vi.waitFor(() => expect(session.devtools.workers().some((w) => isCoreWorker(w.url()))).toBe(true), {
      timeout: 10_000,
    });
    const url =
      session.devtools
        .workers()
        .find((w) => isCoreWorker(w.url()))
        ?.url() ?? '';
    expect(url.startsWith(`chrome-extension://${session.extensionId}/`)).toBe(true);
    // A second instance of the same packaged worker, driven over the RPC wire format from the panel page.
    const answer = await panel.evaluate(
      (workerUrl) =>
        new Promise((resolve) => {
          const worker = new Worker(workerUrl, { type: 'module' });
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = () => resolve('worker failed to load');
          worker.postMessage({ id: 7, method: 'capabilities', params: null });
        }),
      url,
    );
    expect(answer).toEqual({ id: 7, result: { wasm: true } });
  });

  it('ships a manifest with only the storage permission and a CSP that forbids connections', () => {
    const manifest = JSON.parse(readFileSync(join('dist/chrome/manifest.json'), 'utf8'));
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.background).toBeUndefined();
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('frame-ancestors');
  });
});
