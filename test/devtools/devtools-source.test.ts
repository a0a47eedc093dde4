import { describe, expect, it, vi } from 'vitest';
import { createDevtoolsSource, type DevtoolsApi } from '../../src/devtools/devtools-source';

function fakeEvent<T extends (...args: never[]) => void>() {
  const listeners = new Set<T>();
  return {
    listeners,
    addListener: (fn: T) => listeners.add(fn),
    removeListener: (fn: T) => listeners.delete(fn),
    fire: (...args: Parameters<T>) => {
      for (const fn of listeners) fn(...args);
    },
  };
}

function browserRequest(url: string, mimeType = 'application/json', body = '{"access_token":"x"}') {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url, headers: [] },
    response: { status: 200, headers: [], content: { size: body.length, mimeType } },
    getContent: (cb: (content: string, encoding: string) => void) => cb(body, ''),
  };
}

function fakeApi(evalResult: (expression: string) => unknown = () => undefined) {
  const finished = fakeEvent<(request: unknown) => void>();
  const navigated = fakeEvent<(url: string) => void>();
  const getHAR = vi.fn(async (): Promise<unknown> => ({ entries: [] }));
  const api: DevtoolsApi = {
    network: { onRequestFinished: finished, onNavigated: navigated, getHAR },
    inspectedWindow: { eval: async (expression) => evalResult(expression) },
  };
  return { api, finished, navigated, getHAR };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createDevtoolsSource', () => {
  it('subscribes on connect (idempotently) and unsubscribes on disconnect', () => {
    const { api, finished, navigated } = fakeApi();
    const source = createDevtoolsSource(api);
    source.connect();
    source.connect();
    expect(finished.listeners.size).toBe(1);
    expect(navigated.listeners.size).toBe(1);
    source.disconnect();
    expect(finished.listeners.size).toBe(0);
    expect(navigated.listeners.size).toBe(0);
  });

  it('emits finished requests as plain entries with their JSON body and unique ids', async () => {
    const { api, finished } = fakeApi();
    const source = createDevtoolsSource(api);
    const seen: Array<[unknown, string]> = [];
    source.on('entry', (entry, id) => seen.push([entry, id]));
    source.connect();
    finished.fire(browserRequest('https://a.test/token'));
    finished.fire(browserRequest('https://a.test/logo.png', 'image/png'));
    await tick();
    expect(seen.map(([, id]) => id).sort()).toEqual(['live-1', 'live-2']);
    const json = seen.find(([e]) => (e as { request: { url: string } }).request.url.endsWith('/token'))?.[0];
    expect(json).toMatchObject({ response: { content: { text: '{"access_token":"x"}' } } });
    expect(json).not.toHaveProperty('getContent');
    const image = seen.find(([e]) => (e as { request: { url: string } }).request.url.endsWith('.png'))?.[0];
    expect(image).not.toHaveProperty('response.content.text');
  });

  it('isolates a throwing listener and honours unsubscribe', async () => {
    const { api, finished } = fakeApi();
    const source = createDevtoolsSource(api);
    const good = vi.fn();
    source.on('entry', () => {
      throw new Error('UI bug');
    });
    const off = source.on('entry', good);
    source.connect();
    finished.fire(browserRequest('https://a.test/1'));
    await tick();
    off();
    finished.fire(browserRequest('https://a.test/2'));
    await tick();
    expect(good).toHaveBeenCalledTimes(1);
  });

  it('forwards navigations and refreshes the page origin', async () => {
    let origin = 'https://one.test';
    const { api, navigated } = fakeApi(() => origin);
    const source = createDevtoolsSource(api);
    const urls: string[] = [];
    source.on('navigated', (url) => urls.push(url));
    source.connect();
    await tick();
    expect(source.pageOrigin?.()).toBe('https://one.test');
    origin = 'https://two.test';
    navigated.fire('https://two.test/home');
    await tick();
    expect(urls).toEqual(['https://two.test/home']);
    expect(source.pageOrigin?.()).toBe('https://two.test');
  });

  it('backfills from getHAR with bodies, and answers [] when getHAR fails or is odd', async () => {
    const { api, getHAR } = fakeApi();
    getHAR.mockResolvedValueOnce({ entries: [browserRequest('https://a.test/login'), 'junk'] });
    const source = createDevtoolsSource(api);
    const backfill = await source.backfill();
    expect(backfill).toEqual([
      {
        requestId: 'har-1',
        entry: expect.objectContaining({
          response: expect.objectContaining({
            content: expect.objectContaining({ text: '{"access_token":"x"}' }),
          }),
        }),
      },
    ]);
    getHAR.mockRejectedValueOnce(new Error('no devtools'));
    await expect(source.backfill()).resolves.toEqual([]);
    getHAR.mockResolvedValueOnce(null);
    await expect(source.backfill()).resolves.toEqual([]);
  });

  it('scans storage with either eval convention (Chromium bare, Firefox pair)', async () => {
    const items = JSON.stringify([
      { area: 'localStorage', key: 'id_token', value: 'eyJ', origin: 'https://a.test' },
    ]);
    const chromium = createDevtoolsSource(fakeApi(() => items).api);
    const firefox = createDevtoolsSource(fakeApi(() => [items, undefined]).api);
    const failing = createDevtoolsSource(fakeApi(() => [undefined, { isException: true }]).api);
    const expected = [{ area: 'localStorage', key: 'id_token', value: 'eyJ', origin: 'https://a.test' }];
    await expect(chromium.scanStorage()).resolves.toEqual(expected);
    await expect(firefox.scanStorage()).resolves.toEqual(expected);
    await expect(failing.scanStorage()).resolves.toEqual([]);
  });

  it('drops entries that finish after disconnect', async () => {
    const { api, finished } = fakeApi();
    const source = createDevtoolsSource(api);
    const seen = vi.fn();
    source.on('entry', seen);
    source.connect();
    finished.fire(browserRequest('https://a.test/slow'));
    source.disconnect();
    await tick();
    expect(seen).not.toHaveBeenCalled();
  });

  it('does not deliver a request twice when it finishes while the backfill runs', async () => {
    const { api, finished, getHAR } = fakeApi();
    const early = browserRequest('https://a.test/early');
    const racing = browserRequest('https://a.test/racing');
    getHAR.mockResolvedValueOnce({ entries: [early, racing] });
    const source = createDevtoolsSource(api);
    const live = vi.fn();
    source.on('entry', live);
    source.connect();
    finished.fire(racing);
    await tick();
    const backfill = await source.backfill();
    expect(live).toHaveBeenCalledTimes(1);
    expect(backfill.map((b) => (b.entry as { request: { url: string } }).request.url)).toEqual([
      'https://a.test/early',
    ]);
    // After the first backfill, later ones return the whole log again (nothing is remembered).
    getHAR.mockResolvedValueOnce({ entries: [early, racing] });
    await expect(source.backfill()).resolves.toHaveLength(2);
  });
});
