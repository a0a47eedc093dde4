import type { Frame } from 'puppeteer-core';

/**
 * The inspected tab's traffic as a HAR file, as DevTools holds it: `chrome.devtools.network.getHAR()`
 * evaluated in an extension page of the DevTools window (the panel frame), with every response body read
 * through the entry's `getContent()` (getHAR itself leaves `content.text` out; a body DevTools does not
 * give within 2 s is left out, as DevTools' own "Save all as HAR" does). Returns the HAR's JSON text.
 */
export async function harFromDevtools(frame: Frame): Promise<string> {
  return frame.evaluate(async () => {
    interface HarRequest {
      response?: { content?: Record<string, unknown> };
      getContent?(callback: (content: string | null, encoding: string) => void): void;
    }
    const devtools = (
      globalThis as unknown as {
        chrome: {
          devtools: {
            network: {
              getHAR(callback: (log: { entries: HarRequest[] }) => void): void;
            };
          };
        };
      }
    ).chrome.devtools;
    const log = await new Promise<{ entries: HarRequest[] }>((resolve) => devtools.network.getHAR(resolve));
    await Promise.all(
      log.entries.map(
        (entry) =>
          new Promise<void>((resolve) => {
            if (!entry.getContent) return resolve();
            // DevTools never answers for some entries (redirects, preflights): do not wait for them.
            const timer = setTimeout(resolve, 2000);
            entry.getContent((text, encoding) => {
              clearTimeout(timer);
              const content = entry.response?.content;
              if (content && typeof text === 'string') {
                content.text = text;
                if (encoding) content.encoding = encoding;
              }
              resolve();
            });
          }),
      ),
    );
    return JSON.stringify({ log });
  });
}
