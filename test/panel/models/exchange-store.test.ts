import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createExchangeStore,
  isProbeable,
  keptExchangeOf,
  MAX_KEPT_EXCHANGES,
} from '../../../src/panel/models/exchange-store';
import { accessClaims, makeEntry, makeToken } from '../fixtures';

const token = makeToken(accessClaims('alice'));
const entry = (n: number) => makeEntry({ bearer: token, url: `https://api.example.test/v1/items/${n}` });

describe('exchange store', () => {
  it('keeps the last MAX_KEPT_EXCHANGES requests by default, oldest evicted first', () => {
    const store = createExchangeStore();
    for (let i = 0; i < MAX_KEPT_EXCHANGES + 50; i++) store.keep(`live-${i}`, entry(i));
    expect(store.size).toBe(MAX_KEPT_EXCHANGES);
    expect(store.get('live-0')).toBeUndefined();
    expect(store.get('live-49')).toBeUndefined();
    expect(store.get('live-50')?.request.url).toBe('https://api.example.test/v1/items/50');
    expect(store.get(`live-${MAX_KEPT_EXCHANGES + 49}`)).toBeDefined();
  });

  it('keeps within the character budget, and never keeps one request larger than the budget', () => {
    const one = keptExchangeOf(entry(1))?.chars ?? 0;
    expect(one).toBeGreaterThan(token.length);
    const store = createExchangeStore(100, one * 3);
    for (let i = 0; i < 10; i++) store.keep(`r${i}`, entry(i));
    expect(store.size).toBe(3);
    expect(store.chars).toBeLessThanOrEqual(one * 3);
    expect([...Array(10).keys()].filter((i) => store.get(`r${i}`)).map(String)).toEqual(['7', '8', '9']);
    const tiny = createExchangeStore(100, one - 1);
    tiny.keep('big', entry(1));
    expect(tiny.size).toBe(0);
  });

  it('counts a request kept twice once', () => {
    const store = createExchangeStore();
    store.keep('a', entry(1));
    const chars = store.chars;
    store.keep('a', entry(1));
    expect(store.size).toBe(1);
    expect(store.chars).toBe(chars);
  });

  it('drops everything on clear', () => {
    const store = createExchangeStore();
    store.keep('a', entry(1));
    store.clear();
    expect(store.size).toBe(0);
    expect(store.chars).toBe(0);
    expect(store.get('a')).toBeUndefined();
  });

  it('keeps the request in full but not the response body', () => {
    const withBody = makeEntry({ bearer: token, method: 'POST', responseJson: { access_token: token } });
    (withBody.request as Record<string, unknown>).postData = {
      mimeType: 'application/json',
      text: '{"a":1}',
    };
    const kept = keptExchangeOf(withBody);
    expect(kept?.request.headers).toEqual([{ name: 'Authorization', value: `Bearer ${token}` }]);
    expect(kept?.request.postData).toEqual({ mimeType: 'application/json', text: '{"a":1}' });
    expect(kept?.response.mimeType).toBe('application/json');
    expect(JSON.stringify(kept?.response)).not.toContain(token);
  });

  it('keeps nothing that is not an HTTP(S) request', () => {
    expect(keptExchangeOf(makeEntry({ url: 'ws://api.example.test/socket', bearer: token }))).toBeNull();
    expect(keptExchangeOf({ request: { url: 'https://x.test/' } })).toBeNull();
    expect(keptExchangeOf(null)).toBeNull();
  });

  it('tells which sightings a probe can replay', () => {
    const base = { scheme: 'https' };
    expect(isProbeable({ ...base, where: 'request-header' })).toBe(true);
    expect(isProbeable({ ...base, where: 'query' })).toBe(true);
    expect(isProbeable({ ...base, where: 'response-body' })).toBe(false);
    expect(isProbeable({ ...base, where: 'storage' })).toBe(false);
    expect(isProbeable({ scheme: 'wss', where: 'request-body' })).toBe(false);
  });

  it('never throws and never exceeds its bounds, whatever it is handed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.anything())), (items) => {
        const store = createExchangeStore(5, 2000);
        for (const [id, value] of items) store.keep(id, value);
        for (const [id, value] of items)
          store.keep(id, { request: { method: 'GET', url: 'http://x/', headers: value } });
        expect(store.size).toBeLessThanOrEqual(5);
        expect(store.chars).toBeLessThanOrEqual(2000);
      }),
    );
  });
});
