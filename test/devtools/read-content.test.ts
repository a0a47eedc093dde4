import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_TIMEOUT_MS, createLimiter, readContent } from '../../src/devtools/read-content';

describe('readContent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts the Chromium callback convention (content, encoding)', async () => {
    const request = { getContent: (cb?: (c: unknown, e: unknown) => void) => cb?.('{"a":1}', '') };
    await expect(readContent(request)).resolves.toEqual({ text: '{"a":1}' });
    const binary = { getContent: (cb?: (c: unknown, e: unknown) => void) => cb?.('AAEC', 'base64') };
    await expect(readContent(binary)).resolves.toEqual({ text: 'AAEC', encoding: 'base64' });
  });

  it('accepts a promise of [content, mimeType] (Firefox) or of a bare string', async () => {
    await expect(readContent({ getContent: async () => ['{}', 'application/json'] })).resolves.toEqual({
      text: '{}',
      encoding: 'application/json',
    });
    await expect(readContent({ getContent: async () => 'plain' })).resolves.toEqual({ text: 'plain' });
  });

  it('resolves null on a missing method, a throw, a rejection or a non-string body', async () => {
    await expect(readContent({})).resolves.toBeNull();
    await expect(
      readContent({
        getContent: () => {
          throw new Error('gone');
        },
      }),
    ).resolves.toBeNull();
    await expect(readContent({ getContent: () => Promise.reject(new Error('x')) })).resolves.toBeNull();
    await expect(
      readContent({ getContent: (cb?: (c: unknown, e: unknown) => void) => cb?.(null, '') }),
    ).resolves.toBeNull();
  });

  it('gives up after the timeout when the browser never answers', async () => {
    vi.useFakeTimers();
    const pending = readContent({ getContent: () => undefined as unknown });
    vi.advanceTimersByTime(CONTENT_TIMEOUT_MS);
    await expect(pending).resolves.toBeNull();
  });

  it('takes the first answer when both conventions answer', async () => {
    const request = {
      getContent: (cb?: (c: unknown, e: unknown) => void) => {
        cb?.('first', '');
        return Promise.resolve(['second', '']);
      },
    };
    await expect(readContent(request)).resolves.toEqual({ text: 'first' });
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const task = (n: number) =>
      limit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        return n;
      });
    await expect(Promise.all([1, 2, 3, 4, 5].map(task))).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task rejects', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
