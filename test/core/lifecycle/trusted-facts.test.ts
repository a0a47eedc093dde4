import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureEntry } from '../../../src/core/capture';
import { buildLifecycle } from '../../../src/core/lifecycle';
import { factsTime } from '../../../src/core/lifecycle/facts-guard';
import { indexRequests, inRequestOrder } from '../../../src/core/lifecycle/request-index';
import type { ExchangeFacts, TokenUse } from '../../../src/core/lifecycle/types';
import { serviceOf, useSeconds } from '../../../src/core/lifecycle/uses';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { fakeJwt, makeEntry } from '../capture/har-builders';
import { record, sighting, token } from '../rules/context/records';
import { API, at, bearer, modelOf } from './lifecycle-flow';

const T = fakeJwt({ sub: 'u1', iss: 'https://op.example.test', exp: 1_900_000_000 });

/** The facts capture builds for one use of `T`. */
function capturedFacts(): ExchangeFacts {
  const entry = makeEntry({
    url: 'https://api.example.test/v1/orders',
    startedDateTime: '2025-03-14T09:00:00.000Z',
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${T}` }],
  });
  const facts = captureEntry(entry, '7').exchanges?.[0];
  if (!facts) throw new Error('capture recorded no facts');
  return facts;
}

describe('lifecycle: facts the core built vs facts from elsewhere', () => {
  it('takes the facts capture built as they are, and cleans a structured clone of them', () => {
    const built = capturedFacts();
    expect(indexRequests([], [built]).exchanges.get('7')).toBe(built);
    const cloned = structuredClone(built);
    const cleaned = indexRequests([], [cloned]).exchanges.get('7');
    expect(cleaned).not.toBe(cloned);
    expect(cleaned).toEqual(built);
    expect(factsTime(built)).toBe(Date.parse('2025-03-14T09:00:00.000Z') / 1000);
    expect(factsTime(cleaned as ExchangeFacts)).toBe(factsTime(built));
  });

  it('still drops wrong-typed fields of facts that crossed a boundary', () => {
    const hostile: Record<string, unknown> = {
      ...structuredClone(capturedFacts()),
      status: '200',
      expiresIn: 'soon',
      extra: 1,
    };
    // Facts from a worker or the DevTools page are untyped data: the guard is what types them.
    const untyped = (raw: Record<string, unknown>) => [raw as unknown as ExchangeFacts];
    const cleaned = indexRequests([], untyped(hostile)).exchanges.get('7');
    expect(cleaned?.status).toBe(0);
    expect(cleaned).not.toHaveProperty('expiresIn');
    expect(cleaned).not.toHaveProperty('extra');
    expect(indexRequests([], untyped({ ...hostile, requestId: 7 })).exchanges.size).toBe(0);
  });
});

describe('lifecycle: service of a use', () => {
  it('is read from the facts capture built when the sighting has their URL, else from the sighting', () => {
    const built = capturedFacts();
    const s = sighting({ requestId: '7', url: built.url });
    const elsewhere = sighting({ requestId: '7', url: 'https://files.example.test/v2/x?q=1' });
    expect(serviceOf(s, built)).toBe('api.example.test/v1');
    expect(serviceOf(elsewhere, built)).toBe('files.example.test/v2');
    expect(serviceOf(s, structuredClone(built))).toBe('api.example.test/v1');
    const model = buildLifecycle([record(token(), [s, elsewhere])], [built], DEFAULT_POLICY);
    expect(model.uses.map((u) => u.service)).toEqual(['api.example.test/v1', 'files.example.test/v2']);
  });
});

describe('lifecycle: request time of a use', () => {
  it('is the same for a use the model built and for a copy of it (clone, spread)', () => {
    const { model } = modelOf([
      { url: `${API}/v1/a`, status: 200, startedDateTime: at(5), requestHeaders: [bearer(T)] },
    ]);
    const use = model.uses[0] as TokenUse;
    const expected = Date.parse(at(5)) / 1000;
    expect(useSeconds(use)).toBe(expected);
    expect(useSeconds({ ...use })).toBe(expected);
    expect(useSeconds(structuredClone(use))).toBe(expected);
    expect(Object.keys(structuredClone(use)).sort()).toEqual(Object.keys({ ...use }).sort());
    expect(useSeconds({ ...use, at: '' })).toBeUndefined();
    expect(useSeconds({ ...use, at: 'not a time' })).toBeUndefined();
  });
});

describe('lifecycle: request order', () => {
  /** The order `inRequestOrder` promises, by a plain stable sort. */
  const reference = (times: (number | undefined)[]) =>
    times
      .map((t, i) => ({ t: t ?? Number.POSITIVE_INFINITY, i }))
      .sort((a, b) => (a.t === b.t ? a.i - b.i : a.t < b.t ? -1 : 1))
      .map((k) => k.i);

  it('returns items already in order as given, and sorts others stably with no time last', () => {
    const sorted = [1, 2, 2, 5];
    expect(inRequestOrder(sorted, (t) => t)).toBe(sorted);
    const items = [{ t: 3 }, { t: undefined }, { t: 1 }, { t: 3 }];
    const out = inRequestOrder(items, (item) => item.t);
    expect(out).toEqual([items[2], items[0], items[3], items[1]]);
    expect(out[1]).toBe(items[0]);
  });

  it('orders any times like a stable sort (property)', () => {
    const time = fc.option(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true })), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.array(time, { maxLength: 40 }), (times) => {
        const indexes = times.map((_, i) => i);
        expect(inRequestOrder(indexes, (i) => times[i])).toEqual(reference(times));
      }),
    );
  });
});
