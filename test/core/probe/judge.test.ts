import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeProbe, type ResponseShape, shapeOf } from '../../../src/core/probe';
import { API_OK, UNAUTHORIZED } from './sample-run';

const json = (status: number, body: unknown, extra: { name: string; value: string }[] = []) =>
  shapeOf(
    status,
    [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }, ...extra],
    JSON.stringify(body),
  );
const html = (status: number, body: string, extra: { name: string; value: string }[] = []) =>
  shapeOf(status, [{ name: 'content-type', value: 'text/html;charset=UTF-8' }, ...extra], body);

const ORDERS = {
  orders: [
    { id: 1, total: 12.5 },
    { id: 2, total: 99 },
  ],
  page: 2,
  total: 2,
  at: '2025-03-14T09:30:00Z',
};
const LOGIN_PAGE = `<!doctype html><html><head><title>Sign in</title></head><body><form action="/login">${'<input>'.repeat(60)}</form></body></html>`;

describe('shapeOf', () => {
  it('reads status, content type without parameters, a length bucket and the sorted top-level JSON keys', () => {
    expect(json(200, ORDERS)).toEqual({
      status: 200,
      contentType: 'application/json',
      lengthBucket: 128,
      jsonKeys: ['at', 'orders', 'page', 'total'],
    });
  });

  it('keeps the bucket when a timestamp or an id changes the length a little', () => {
    const a = json(200, { ...ORDERS, at: '2025-03-14T09:30:00Z' });
    const b = json(200, { ...ORDERS, at: '2025-03-14T09:31:07.123Z' });
    expect(a.lengthBucket).toBe(b.lengthBucket);
  });

  it('gives no keys for HTML, arrays or broken JSON, and 0 for an empty body', () => {
    expect(html(200, LOGIN_PAGE).jsonKeys).toEqual([]);
    expect(json(200, [1, 2]).jsonKeys).toEqual([]);
    expect(shapeOf(200, [{ name: 'Content-Type', value: 'application/json' }], '{"a":').jsonKeys).toEqual([]);
    expect(shapeOf(204, [], '')).toEqual({ status: 204, contentType: '', lengthBucket: 0, jsonKeys: [] });
  });

  it('keeps the Location of a redirect only', () => {
    expect(html(302, '', [{ name: 'Location', value: '/login?next=%2Forders' }]).location).toBe(
      '/login?next=%2Forders',
    );
    expect(json(200, ORDERS, [{ name: 'Location', value: '/x' }]).location).toBeUndefined();
  });

  it('never throws, whatever the status, headers or body (property)', () => {
    const header = fc.record({ name: fc.string(), value: fc.string() });
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double()),
        fc.array(header, { maxLength: 4 }),
        fc.oneof(fc.string(), fc.json()),
        (status, headers, body) => {
          const shape = shapeOf(status, headers, body);
          expect(Number.isInteger(shape.status)).toBe(true);
          expect(shape.lengthBucket).toBeGreaterThanOrEqual(body.length);
          expect([...shape.jsonKeys].sort()).toEqual(shape.jsonKeys);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('judgeProbe: against the baseline and the negative control, never the status alone', () => {
  const baseline = json(200, ORDERS);
  const negative = json(401, { error: 'invalid_token', error_description: 'missing token' });

  it('accepted: the baseline’s kind of answer (same status, type, keys, length bucket)', () => {
    expect(judgeProbe(baseline, negative, json(200, { ...ORDERS, at: 'later' }))).toBe('accepted');
  });

  it('rejected: a 401, a 403, a 400, or the negative control’s kind of answer', () => {
    expect(
      judgeProbe(
        baseline,
        negative,
        json(401, { error: 'invalid_token', error_description: 'bad signature' }),
      ),
    ).toBe('rejected');
    expect(judgeProbe(baseline, negative, html(403, 'Forbidden'))).toBe('rejected');
    expect(judgeProbe(baseline, negative, json(400, { error: 'invalid_request' }))).toBe('rejected');
  });

  it('a 200 HTML login page answering a tampered token is never accepted', () => {
    const login = html(200, LOGIN_PAGE);
    expect(judgeProbe(baseline, negative, login)).toBe('inconclusive');
    // An app that serves its login page to a request without a token: the same page is a refusal.
    expect(judgeProbe(baseline, html(200, LOGIN_PAGE), login)).toBe('rejected');
  });

  it('a 200 JSON error with other keys is not accepted', () => {
    expect(judgeProbe(baseline, negative, json(200, { ok: false, error: 'token invalid' }))).toBe(
      'inconclusive',
    );
  });

  it('a 302 to a login page is a refusal; a redirect elsewhere is judged like any answer', () => {
    expect(
      judgeProbe(
        baseline,
        negative,
        html(302, '', [{ name: 'Location', value: 'https://app.example.test/login?next=/orders' }]),
      ),
    ).toBe('rejected');
    expect(
      judgeProbe(
        baseline,
        negative,
        html(302, '', [{ name: 'Location', value: 'https://idp.example.test/authorize?response_type=code' }]),
      ),
    ).toBe('rejected');
    expect(judgeProbe(baseline, negative, html(302, '', [{ name: 'Location', value: '/orders/2' }]))).toBe(
      'inconclusive',
    );
    const redirected = html(302, '', [{ name: 'Location', value: '/dashboard' }]);
    expect(
      judgeProbe(redirected, negative, html(302, '', [{ name: 'Location', value: '/dashboard?x=1' }])),
    ).toBe('accepted');
  });

  it('inconclusive: no answer, a 5xx, a baseline not accepted, or an endpoint that answers the same without the token', () => {
    expect(judgeProbe(baseline, negative, { ...baseline, status: 0 })).toBe('inconclusive');
    expect(judgeProbe(baseline, negative, html(502, 'Bad gateway'))).toBe('inconclusive');
    expect(judgeProbe(negative, negative, baseline)).toBe('inconclusive');
    expect(judgeProbe(baseline, json(200, { ...ORDERS, at: 'x' }), baseline)).toBe('inconclusive');
  });

  it('the negative control judged as a probe: rejected when it differs from the baseline', () => {
    expect(judgeProbe(baseline, negative, negative)).toBe('rejected');
    expect(judgeProbe(baseline, baseline, baseline)).toBe('inconclusive');
  });

  it('never throws, and accepts only what looks like the baseline (property)', () => {
    const shape: fc.Arbitrary<ResponseShape> = fc.record(
      {
        status: fc.oneof(fc.constantFrom(0, 200, 204, 302, 400, 401, 403, 404, 500), fc.integer()),
        contentType: fc.constantFrom('', 'application/json', 'text/html'),
        lengthBucket: fc.constantFrom(0, 64, 128, 2048, 4096),
        jsonKeys: fc
          .uniqueArray(fc.constantFrom('a', 'b', 'error', 'orders'), { maxLength: 4 })
          .map((k) => k.sort()),
        location: fc.constantFrom('/login', '/home', 'https://x/authorize?response_type=code', '::'),
      },
      { requiredKeys: ['status', 'contentType', 'lengthBucket', 'jsonKeys'] },
    );
    fc.assert(
      fc.property(shape, shape, shape, (b, n, p) => {
        const verdict = judgeProbe(b, n, p);
        if (verdict === 'accepted') expect(p.status).toBe(b.status);
        if (p.status === 401) expect(verdict).not.toBe('accepted');
      }),
      { numRuns: 1000 },
    );
    expect(judgeProbe(API_OK, UNAUTHORIZED, {} as ResponseShape)).toBe('inconclusive');
  });
});
