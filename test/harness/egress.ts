import type { Browser, CDPSession, Frame, HTTPRequest, Page, Target } from 'puppeteer-core';

/** One request seen from an extension page, frame or worker. */
export interface EgressRecord {
  url: string;
  /** The extension document (or worker) that made it. */
  from: string;
  via: 'page-frame' | 'cdp-target' | 'resource-timing';
}

/** Requests to the extension's own files are not network traffic; everything else is egress. */
export function isExternal(url: string): boolean {
  return !/^(chrome-extension|data|blob|about):/i.test(url);
}

/** Watches everything the extension's pages and workers request, three independent ways. */
export interface EgressMonitor {
  /** Every request recorded so far (own files included). */
  all(): EgressRecord[];
  /** Only requests that left the extension (see {@link isExternal}). */
  external(): EgressRecord[];
  /** Adds the Resource Timing entries of the given frames (extension documents) to the record. */
  collectResourceTiming(frames: Frame[]): Promise<void>;
  dispose(): Promise<void>;
}

const isExtension = (url: string | undefined): url is string =>
  !!url && url.startsWith('chrome-extension://');

/**
 * Starts recording. (1) puppeteer's per-frame Network domain on the DevTools page: it is enabled on each
 * out-of-process frame before the frame runs, so even a beacon fired while the devtools page loads is
 * seen. (2) CDP `Network` on every `chrome-extension://` target (workers included) as it appears (E2E.md).
 * (3) `performance.getEntriesByType('resource')` in each extension document, on request. DevTools' own
 * fetches (its front end, `/.well-known/appspecific/com.chrome.devtools.json`) come from devtools://
 * documents and are not counted.
 */
export function createEgressMonitor(browser: Browser, devtools: Page): EgressMonitor {
  const records: EgressRecord[] = [];
  const sessions: CDPSession[] = [];
  const watched = new Set<Target>();
  const onRequest = (request: HTTPRequest): void => {
    const from = request.frame()?.url();
    if (isExtension(from) || (isExtension(request.url()) && request.isNavigationRequest())) {
      records.push({ url: request.url(), from: from || request.url(), via: 'page-frame' });
    }
  };
  const watchTarget = async (target: Target): Promise<void> => {
    if (watched.has(target) || !isExtension(target.url())) return;
    watched.add(target);
    try {
      const session = await target.createCDPSession();
      sessions.push(session);
      session.on('Network.requestWillBeSent', (event) => {
        records.push({ url: event.request.url, from: event.documentURL || target.url(), via: 'cdp-target' });
      });
      await session.send('Network.enable');
      // Workers started by DevTools' extension frames are auto-attached paused ("wait for debugger") and
      // puppeteer does not resume them. Resuming here, after Network is on, lets the panel's core worker
      // run and means even its first request would be recorded.
      await session.send('Runtime.runIfWaitingForDebugger');
    } catch {
      // Targets can vanish between discovery and attach (a panel reloading); nothing to watch then.
    }
  };
  const onTarget = (target: Target): void => void watchTarget(target);
  devtools.on('request', onRequest);
  browser.on('targetcreated', onTarget);
  browser.on('targetchanged', onTarget);
  for (const target of browser.targets()) onTarget(target);
  return {
    all: () => [...records],
    external: () => records.filter((r) => isExternal(r.url)),
    async collectResourceTiming(frames) {
      for (const frame of frames) {
        const names = await frame
          .evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
          .catch(() => [] as string[]);
        for (const url of names) records.push({ url, from: frame.url(), via: 'resource-timing' });
      }
    },
    async dispose() {
      devtools.off('request', onRequest);
      browser.off('targetcreated', onTarget);
      browser.off('targetchanged', onTarget);
      await Promise.all(sessions.map((s) => s.detach().catch(() => undefined)));
    },
  };
}
