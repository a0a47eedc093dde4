import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS, MAX_WEBSOCKET_MESSAGES, WEBSOCKET_MESSAGE_COUNT } from '../../src/core/capture';
import { isContentWanted, MAX_CONTENT_BYTES, toPlainEntry } from '../../src/devtools/har-entry';

const entryWith = (mimeType: unknown, size: unknown) => ({ response: { content: { mimeType, size } } });

describe('isContentWanted', () => {
  it.each([
    ['application/json', 10, true],
    ['application/json; charset=utf-8', 10, true],
    ['application/jwk-set+json', 10, true],
    ['application/problem+json', 10, true],
    ['text/plain', 0, true],
    ['text/html', MAX_CONTENT_BYTES, true],
    ['application/x-www-form-urlencoded', 5, true],
    ['application/jwt', 5, true],
    ['application/json', MAX_CONTENT_BYTES + 1, false],
    ['image/png', 10, false],
    ['font/woff2', 10, false],
    ['application/octet-stream', 10, false],
    ['application/jsonp-ish', 10, false],
    ['', 10, false],
    [undefined, 10, false],
    ['application/json', undefined, false],
    ['application/json', -1, false],
  ])('%s of %s bytes → %s', (mime, size, expected) => {
    expect(isContentWanted(entryWith(mime, size))).toBe(expected);
  });

  it('is false for anything that is not an entry', () => {
    for (const value of [null, undefined, 1, 'x', [], { response: null }, { response: { content: [] } }]) {
      expect(isContentWanted(value)).toBe(false);
    }
  });
});

describe('toPlainEntry', () => {
  const browserEntry = () => {
    const entry = Object.create({ getContent: () => undefined });
    Object.assign(entry, {
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 12,
      request: { method: 'GET', url: 'https://a.test/', headers: [{ name: 'a', value: 'b' }] },
      response: { status: 200, headers: [], content: { size: 2, mimeType: 'application/json' } },
      _initiator: { type: 'script', stack: { callFrames: new Array(100).fill({ url: 'x' }) } },
      _resourceType: 'fetch',
    });
    return entry;
  };

  it('keeps the HAR fields, drops private ones and the browser prototype', () => {
    const plain = toPlainEntry(browserEntry());
    expect(plain).toEqual({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 12,
      request: { method: 'GET', url: 'https://a.test/', headers: [{ name: 'a', value: 'b' }] },
      response: { status: 200, headers: [], content: { size: 2, mimeType: 'application/json' } },
    });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });

  it("keeps what says the answer came from a cache: Chrome's _fromCache, Firefox's cache.afterRequest", () => {
    const chrome = Object.assign(browserEntry(), { _fromCache: 'memory', cache: {} });
    expect(toPlainEntry(chrome)).toMatchObject({ _fromCache: 'memory', cache: {} });
    const firefox = Object.assign(browserEntry(), {
      cache: { afterRequest: { expires: '0', hitCount: '1' } },
    });
    expect(toPlainEntry(firefox)?.cache).toEqual({ afterRequest: { expires: '0', hitCount: '1' } });
    const odd = Object.assign(browserEntry(), { _fromCache: { huge: 'object' } });
    expect(toPlainEntry(odd)).not.toHaveProperty('_fromCache');
  });

  it("keeps a WebSocket's frames (_webSocketMessages), which the engine scans for tokens", () => {
    const frames = [
      { type: 'send', time: 1.5, opcode: 1, data: '{"token":"x"}' },
      { type: 'receive', time: 1.6, opcode: 2, data: 'eyJ9' },
    ];
    const source = Object.assign(browserEntry(), { _webSocketMessages: frames });
    const plain = toPlainEntry(source) as { _webSocketMessages: unknown[]; _initiator?: unknown };
    expect(plain._webSocketMessages).toEqual(frames);
    expect(plain._webSocketMessages).not.toBe(frames);
    expect(plain._initiator).toBeUndefined();
  });

  it('hands over at most MAX_WEBSOCKET_MESSAGES frames, with the real count, and only their scalar fields', () => {
    const frames: unknown[] = Array.from({ length: MAX_WEBSOCKET_MESSAGES + 7 }, (_, i) => ({
      type: 'receive',
      opcode: 1,
      data: `frame ${i}`,
      extra: { deep: true },
    }));
    frames[0] = 'not a frame';
    frames[1] = { type: 'send', opcode: 1, data: () => 'x', time: { at: 1 } };
    const plain = toPlainEntry(Object.assign(browserEntry(), { _webSocketMessages: frames })) as Record<
      string,
      unknown[]
    >;
    expect(plain._webSocketMessages).toHaveLength(MAX_WEBSOCKET_MESSAGES);
    expect(plain[WEBSOCKET_MESSAGE_COUNT]).toBe(MAX_WEBSOCKET_MESSAGES + 7);
    expect(plain._webSocketMessages?.slice(0, 3)).toEqual([
      null,
      { type: 'send', opcode: 1, data: undefined, time: undefined },
      { type: 'receive', opcode: 1, data: 'frame 2', time: undefined },
    ]);
    expect(() => structuredClone(plain)).not.toThrow();
    // At most one body's worth of frame text: a socket of 4 MiB frames hands over two of them.
    const big = 'x'.repeat(MAX_BODY_CHARS / 2);
    const heavy = Array.from({ length: 5 }, () => ({ type: 'receive', opcode: 1, data: big }));
    const bounded = toPlainEntry(Object.assign(browserEntry(), { _webSocketMessages: heavy })) as Record<
      string,
      unknown[]
    >;
    expect(bounded._webSocketMessages).toHaveLength(2);
    expect(bounded[WEBSOCKET_MESSAGE_COUNT]).toBe(5);
    // A single frame over the budget still goes (the engine scans its first MAX_BODY_CHARS and says so).
    const huge = [{ type: 'send', opcode: 1, data: 'y'.repeat(MAX_BODY_CHARS + 1) }];
    const one = toPlainEntry(Object.assign(browserEntry(), { _webSocketMessages: huge })) as Record<
      string,
      unknown
    >;
    expect((one._webSocketMessages as unknown[]).length).toBe(1);
    expect(one[WEBSOCKET_MESSAGE_COUNT]).toBeUndefined();
    // Not an array: handed over as data, so the engine can say so.
    expect(toPlainEntry(Object.assign(browserEntry(), { _webSocketMessages: 'x' }))).toMatchObject({
      _webSocketMessages: 'x',
    });
  });

  it('fills response.content.text (and a base64 encoding) from the body read', () => {
    const withText = toPlainEntry(browserEntry(), { text: '{}' }) as { response: { content: object } };
    expect(withText.response.content).toEqual({ size: 2, mimeType: 'application/json', text: '{}' });
    const withB64 = toPlainEntry(browserEntry(), { text: 'e30=', encoding: 'base64' }) as {
      response: { content: object };
    };
    expect(withB64.response.content).toMatchObject({ text: 'e30=', encoding: 'base64' });
  });

  it('does not alias the browser object (later mutation does not leak in)', () => {
    const source = browserEntry();
    const plain = toPlainEntry(source) as { request: { url: string } };
    source.request.url = 'https://changed.test/';
    expect(plain.request.url).toBe('https://a.test/');
  });

  it('returns null for non-objects and never throws on hostile input', () => {
    expect(toPlainEntry(null)).toBeNull();
    expect(toPlainEntry('entry')).toBeNull();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toPlainEntry({ request: cyclic, response: { content: {} } })).toEqual({
      response: { content: {} },
    });
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.record({ text: fc.string() })), (value, content) => {
        const out = toPlainEntry(value, content);
        expect(out === null || typeof out === 'object').toBe(true);
      }),
    );
  });
});

describe('toPlainEntry: the copy', () => {
  const withRequest = (request: unknown) => toPlainEntry({ request })?.request;

  it('is what a JSON round trip makes of any data', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: false, withMap: false, withSet: false }), (value) => {
        let expected: unknown;
        try {
          expected = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
        } catch {
          expected = undefined;
        }
        expect(withRequest(value)).toEqual(expected);
      }),
    );
  });

  it('drops functions, keeps no prototype or __proto__ key, and drops a cyclic or throwing field', () => {
    const request: Record<string, unknown> = JSON.parse('{"method":"GET","__proto__":{"polluted":true}}');
    Object.assign(request, { fn: () => 1, nan: Number.NaN, list: [undefined, () => 2, 1] });
    expect(withRequest(request)).toEqual({ method: 'GET', nan: null, list: [null, null, 1] });
    expect(Object.getPrototypeOf(withRequest(request))).toBe(Object.prototype);
    const cyclic: Record<string, unknown> = { method: 'GET' };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'url', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const plain = toPlainEntry({ request: cyclic, response: throwing, time: 3 });
    expect(plain).toEqual({ time: 3 });
  });
});
