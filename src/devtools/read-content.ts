import type { EntryContent } from './har-entry';

/** A request whose body can be read; Chromium passes a callback, Firefox and the polyfill return a promise. */
export interface ContentRequest {
  getContent?: (callback?: (content: unknown, encoding: unknown) => void) => unknown;
}

/** A body that never arrives (request evicted from DevTools' log) must not hold a slot forever. */
export const CONTENT_TIMEOUT_MS = 5000;

function toContent(text: unknown, encoding: unknown): EntryContent | null {
  if (typeof text !== 'string') return null;
  return typeof encoding === 'string' && encoding !== '' ? { text, encoding } : { text };
}

/**
 * Reads a finished request's body, whichever calling convention the browser uses, resolving `null` on any
 * failure or after {@link CONTENT_TIMEOUT_MS}. Never rejects.
 */
export function readContent(request: ContentRequest): Promise<EntryContent | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: EntryContent | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), CONTENT_TIMEOUT_MS);
    try {
      const returned = request.getContent?.((text, encoding) => finish(toContent(text, encoding)));
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(
          (value) =>
            finish(Array.isArray(value) ? toContent(value[0], value[1]) : toContent(value, undefined)),
          () => finish(null),
        );
      } else if (typeof request.getContent !== 'function') {
        finish(null);
      }
    } catch {
      finish(null);
    }
  });
}

/** Runs at most `limit` tasks at once; a burst of requests must not flood DevTools' message channel. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active -= 1;
    waiting.shift()?.();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      const start = (): void => {
        active += 1;
        task().then(resolve, reject).finally(release);
      };
      if (active < limit) start();
      else waiting.push(start);
    });
}
