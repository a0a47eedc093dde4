import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'puppeteer-core';

/** A finished download. */
export interface Download {
  /** Where the file is (named by the download's GUID). */
  path: string;
  /** The name the page asked for (`<a download="…">`). */
  suggestedFilename: string;
}

/** Catches downloads into a private temp directory instead of `$HOME/Downloads`. */
export interface DownloadWatcher {
  dir: string;
  /** Runs `trigger` and resolves with the download it started. */
  capture(trigger: () => Promise<void>, timeoutMs?: number): Promise<Download>;
  dispose(): Promise<void>;
}

/**
 * Routes downloads with CDP `Browser.setDownloadBehavior` (`allowAndName`: files named by GUID, so two
 * exports never collide) and waits for `Browser.downloadProgress` to say `completed` (E2E.md).
 */
export async function createDownloadWatcher(browser: Browser): Promise<DownloadWatcher> {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-downloads-'));
  const session: CDPSession = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', {
    behavior: 'allowAndName',
    downloadPath: dir,
    eventsEnabled: true,
  });
  return {
    dir,
    capture(trigger, timeoutMs = 15_000) {
      return new Promise<Download>((resolve, reject) => {
        let guid = '';
        let suggestedFilename = '';
        const cleanup = (): void => {
          clearTimeout(timer);
          session.off('Browser.downloadWillBegin', onBegin);
          session.off('Browser.downloadProgress', onProgress);
        };
        const onBegin = (event: { guid: string; suggestedFilename: string }): void => {
          if (guid) return;
          guid = event.guid;
          suggestedFilename = event.suggestedFilename;
        };
        const onProgress = (event: { guid: string; state: string }): void => {
          if (event.guid !== guid || event.state === 'inProgress') return;
          cleanup();
          if (event.state === 'completed') resolve({ path: join(dir, guid), suggestedFilename });
          else reject(new Error(`download ${suggestedFilename} ended as ${event.state}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no download completed within ${timeoutMs} ms`));
        }, timeoutMs);
        session.on('Browser.downloadWillBegin', onBegin);
        session.on('Browser.downloadProgress', onProgress);
        trigger().catch((error: unknown) => {
          cleanup();
          reject(error);
        });
      });
    },
    async dispose() {
      await session.detach().catch(() => undefined);
    },
  };
}
