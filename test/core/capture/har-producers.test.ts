import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture';
import type { CaptureResult, CookieAttributes, Sighting, Where } from '../../../src/core/types';

/**
 * Every fixture under `test/fixtures/har-producers` (see its README: real exports where one could be found)
 * is captured as a whole: each planted token is found where it was planted, with the cookie flags the
 * producer recorded and the request time it wrote, no other token turns up, and no problem line appears
 * that should not.
 */

const DIR = new URL('../../fixtures/har-producers/', import.meta.url);

interface Planted {
  /** The `sub` claim of the planted token: `<producer>:<place>`. */
  sub: string;
  where: Where;
  name: string;
  /** `startedDateTime` as the producer wrote it, and the instant it means. */
  startedAt: string;
  epochMs: number;
  /** The attributes expected on the sighting; `undefined`: the sighting has none (nothing recorded them). */
  cookie?: Partial<CookieAttributes>;
}

const at = (startedAt: string, epochMs: number) => ({ startedAt, epochMs });
const utc = (...parts: [number, number, number, number, number, number, number]) => Date.UTC(...parts);

const CHROME_API = at('2023-03-30T00:00:55.125Z', utc(2023, 2, 30, 0, 0, 55, 125));
const CHROME_LOGIN = at('2023-03-30T00:00:56.500Z', utc(2023, 2, 30, 0, 0, 56, 500));
const CHROME_WS = at('2023-03-30T00:00:57.000Z', utc(2023, 2, 30, 0, 0, 57, 0));
const FIREFOX_PAGE = at('2023-03-29T16:58:59.303-07:00', utc(2023, 2, 29, 23, 58, 59, 303));
const FIREFOX_STATS = at('2023-03-29T16:58:59.639-07:00', utc(2023, 2, 29, 23, 58, 59, 639));
const FIREFOX_TOKEN = at('2023-03-29T16:58:59.702-07:00', utc(2023, 2, 29, 23, 58, 59, 702));
const SAFARI = at('2023-03-30T00:13:32.600Z', utc(2023, 2, 30, 0, 13, 32, 600));
const MITM_POST = at('2023-07-25T10:58:25.577252+00:00', utc(2023, 6, 25, 10, 58, 25, 577));
const MITM_WS = at('2023-08-29T13:03:52.266590+00:00', utc(2023, 7, 29, 13, 3, 52, 266));
const HAR_DUMP = at('2022-10-20T08:48:38.013394+00:00', utc(2022, 9, 20, 8, 48, 38, 13));
const CHARLES_PAGE = at('2023-03-29T17:37:42.482-07:00', utc(2023, 2, 30, 0, 37, 42, 482));
const CHARLES_API = at('2023-03-29T17:37:43.120-07:00', utc(2023, 2, 30, 0, 37, 43, 120));
const INSOMNIA = at('2023-03-30T04:39:18.981Z', utc(2023, 2, 30, 4, 39, 18, 981));
const PW_PAGE = at('2022-06-10T04:27:32.146Z', utc(2022, 5, 10, 4, 27, 32, 146));
const PW_POST = at('2022-06-10T04:27:32.172Z', utc(2022, 5, 10, 4, 27, 32, 172));
const PW_REDIRECT = at('2022-06-10T04:27:32.175Z', utc(2022, 5, 10, 4, 27, 32, 175));
const PW_ATTACH = at('2022-06-10T04:27:32.190Z', utc(2022, 5, 10, 4, 27, 32, 190));
const HTK_LOGIN = at('2025-03-14T10:00:00.000+01:00', utc(2025, 2, 14, 9, 0, 0, 0));
const HTK_UPLOAD = at('2025-03-14T10:00:01.250+01:00', utc(2025, 2, 14, 9, 0, 1, 250));
const HTK_WS = at('2025-03-14T10:00:02.000+01:00', utc(2025, 2, 14, 9, 0, 2, 0));
const FIDDLER_TOKEN = at('2024-05-14T11:29:33.3166355+02:00', utc(2024, 4, 14, 9, 29, 33, 316));
const FIDDLER_API = at('2024-05-14T11:29:34.0012483+02:00', utc(2024, 4, 14, 9, 29, 34, 1));
const PROXYMAN = at('2024-09-02T08:15:30.412+07:00', utc(2024, 8, 2, 1, 15, 30, 412));
const PROXYMAN_WS = at('2024-09-02T08:15:31.000+07:00', utc(2024, 8, 2, 1, 15, 31, 0));

const CHROME_SESSION_COOKIE = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  domain: 'app.example.test',
  path: '/',
};
const CHROME_NO_CREDENTIALS: Planted[] = [
  { sub: 'chrome:response-body', where: 'response-body', name: '$.id_token', ...CHROME_API },
  { sub: 'chrome:form', where: 'request-body', name: 'refresh_token', ...CHROME_LOGIN },
  {
    sub: 'chrome:websocket',
    where: 'request-body',
    name: 'WebSocket sent: $.payload.Authorization',
    ...CHROME_WS,
  },
];

const SANITIZED_PROBLEM =
  'no request in this Chrome HAR has a Cookie or Authorization header and no response sets a cookie: it ' +
  "looks like Chrome's default export, which leaves them out (Chrome 130 and later), so tokens sent there " +
  'cannot be audited. Export again with the Network panel\'s download button menu "Export HAR (with ' +
  'sensitive data)", after turning on "Allow to generate HAR with sensitive data" in DevTools Settings ' +
  '(Preferences, Network)';

const FIXTURES: Record<string, { planted: Planted[]; problems?: string[] }> = {
  'chrome/chrome.har': {
    planted: [
      { sub: 'chrome:authorization', where: 'request-header', name: 'Authorization', ...CHROME_API },
      {
        sub: 'chrome:request-cookie',
        where: 'request-cookie',
        name: 'session',
        ...CHROME_LOGIN,
        cookie: CHROME_SESSION_COOKIE,
      },
      {
        sub: 'chrome:set-cookie',
        where: 'set-cookie',
        name: 'refresh',
        ...CHROME_LOGIN,
        cookie: { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth' },
      },
      ...CHROME_NO_CREDENTIALS,
    ],
  },
  'chrome/chrome-sanitized.har': { planted: CHROME_NO_CREDENTIALS, problems: [SANITIZED_PROBLEM] },
  'firefox/firefox.har': {
    planted: [
      { sub: 'firefox:request-cookie', where: 'request-cookie', name: 'id_token', ...FIREFOX_PAGE },
      {
        sub: 'firefox:set-cookie',
        where: 'set-cookie',
        name: 'at',
        ...FIREFOX_PAGE,
        cookie: { httpOnly: true, secure: true, sameSite: 'lax', path: '/' },
      },
      { sub: 'firefox:authorization', where: 'request-header', name: 'Authorization', ...FIREFOX_STATS },
      { sub: 'firefox:form', where: 'request-body', name: 'refresh_token', ...FIREFOX_TOKEN },
      { sub: 'firefox:response-body', where: 'response-body', name: '$.access_token', ...FIREFOX_TOKEN },
    ],
  },
  'safari/safari.har': {
    planted: [
      { sub: 'safari:request-cookie', where: 'request-cookie', name: 'sess', ...SAFARI },
      { sub: 'safari:authorization', where: 'request-header', name: 'Authorization', ...SAFARI },
      {
        sub: 'safari:set-cookie',
        where: 'set-cookie',
        name: 'rt',
        ...SAFARI,
        cookie: { httpOnly: true, secure: true, sameSite: 'none', path: '/' },
      },
      { sub: 'safari:response-body', where: 'response-body', name: '$.id_token', ...SAFARI },
    ],
  },
  'mitmproxy/mitmproxy.har': {
    planted: [
      { sub: 'mitmproxy:request-cookie', where: 'request-cookie', name: 'jwt', ...MITM_POST },
      { sub: 'mitmproxy:form', where: 'request-body', name: 'assertion', ...MITM_POST },
      {
        sub: 'mitmproxy:set-cookie',
        where: 'set-cookie',
        name: 'jwt',
        ...MITM_POST,
        cookie: { httpOnly: true, secure: true, sameSite: 'lax', path: '/' },
      },
      { sub: 'mitmproxy:websocket', where: 'request-body', name: 'WebSocket sent: message', ...MITM_WS },
      {
        sub: 'mitmproxy:websocket-binary',
        where: 'response-body',
        name: 'WebSocket received: $.refreshed',
        ...MITM_WS,
      },
    ],
  },
  // Its request cookies say httpOnly: false, secure: false though a Cookie header carries no attributes.
  'mitmproxy/mitmproxy-har-dump.har': {
    planted: [
      { sub: 'mitmproxy-har-dump:request-cookie', where: 'request-cookie', name: 'jwt', ...HAR_DUMP },
    ],
  },
  'charles/charles.har': {
    planted: [
      { sub: 'charles:authorization', where: 'request-header', name: 'Authorization', ...CHARLES_PAGE },
      {
        sub: 'charles:set-cookie',
        where: 'set-cookie',
        name: 'sid',
        ...CHARLES_API,
        cookie: { httpOnly: true, secure: true, path: '/' },
      },
      { sub: 'charles:response-body', where: 'response-body', name: '$.access_token', ...CHARLES_API },
    ],
  },
  'insomnia/insomnia.har': {
    planted: [
      { sub: 'insomnia:authorization', where: 'request-header', name: 'Authorization', ...INSOMNIA },
      { sub: 'insomnia:request-body', where: 'request-body', name: '$.refresh_token', ...INSOMNIA },
    ],
  },
  'playwright/playwright.har': {
    planted: [
      {
        sub: 'playwright:set-cookie',
        where: 'set-cookie',
        name: 'auth',
        ...PW_PAGE,
        cookie: { httpOnly: true, secure: false, path: '/' },
      },
      { sub: 'playwright:set-cookie', where: 'request-cookie', name: 'auth', ...PW_POST },
      { sub: 'playwright:form', where: 'request-body', name: 'refresh_token', ...PW_POST },
      { sub: 'playwright:fragment', where: 'response-header', name: 'Location', ...PW_REDIRECT },
    ],
  },
  'playwright/playwright-attach.har': {
    planted: [
      {
        sub: 'playwright-attach:authorization',
        where: 'request-header',
        name: 'Authorization',
        ...PW_ATTACH,
      },
    ],
    problems: [
      '2 entries keep their bodies in separate files (_file: Playwright\'s recordHar content "attach", its ' +
        'default for a .zip), which were not read; record with content "embed" to audit tokens in bodies',
    ],
  },
  'httptoolkit/httptoolkit.har': {
    planted: [
      { sub: 'httptoolkit:request-cookie', where: 'request-cookie', name: 'id', ...HTK_LOGIN },
      {
        sub: 'httptoolkit:set-cookie',
        where: 'set-cookie',
        name: 'access',
        ...HTK_LOGIN,
        cookie: { httpOnly: true, secure: true, sameSite: 'strict', path: '/' },
      },
      { sub: 'httptoolkit:response-body', where: 'response-body', name: '$.id_token', ...HTK_LOGIN },
      { sub: 'httptoolkit:request-body', where: 'request-body', name: 'body', ...HTK_UPLOAD },
      { sub: 'httptoolkit:websocket', where: 'request-body', name: 'WebSocket sent: message', ...HTK_WS },
    ],
  },
  'fiddler/fiddler.har': {
    planted: [
      { sub: 'fiddler:request-cookie', where: 'request-cookie', name: 'sess', ...FIDDLER_TOKEN },
      {
        sub: 'fiddler:set-cookie',
        where: 'set-cookie',
        name: 'sc',
        ...FIDDLER_TOKEN,
        cookie: { httpOnly: true, secure: true, path: '/' },
      },
      { sub: 'fiddler:response-body', where: 'response-body', name: '$.access_token', ...FIDDLER_TOKEN },
      { sub: 'fiddler:authorization', where: 'request-header', name: 'Authorization', ...FIDDLER_API },
    ],
  },
  'proxyman/proxyman.har': {
    planted: [
      { sub: 'proxyman:authorization', where: 'request-header', name: 'Authorization', ...PROXYMAN },
      { sub: 'proxyman:query', where: 'query', name: 'access_token', ...PROXYMAN },
      { sub: 'proxyman:websocket', where: 'request-body', name: 'WebSocket sent: $.jwt', ...PROXYMAN_WS },
    ],
  },
};

function capture(file: string): CaptureResult {
  const result = captureHar(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
  if ('error' in result) throw new Error(`${file}: ${result.error}`);
  return result;
}

/** The `sub` claim of a sighting's token, which says where the fixture planted it. */
function subOf(sighting: Sighting): string {
  const payload = sighting.tokenText.split('.')[1] ?? '';
  return String(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub);
}

function sightingOf(result: CaptureResult, p: Planted): Sighting | undefined {
  return result.sightings.find((s) => subOf(s) === p.sub && s.where === p.where && s.name === p.name);
}

const placeOf = ({ sub, where, name, startedAt }: Planted) => ({ sub, where, name, startedAt });

describe('captureHar on the HAR files of each producer', () => {
  it.each(Object.entries(FIXTURES))(
    '%s: every planted token, where it was planted, and nothing else',
    (file, fixture) => {
      const result = capture(file);
      const seen = result.sightings.map((s) => ({
        sub: subOf(s),
        where: s.where,
        name: s.name,
        startedAt: s.startedAt,
      }));
      expect(seen).toEqual(expect.arrayContaining(fixture.planted.map(placeOf)));
      expect(seen).toHaveLength(fixture.planted.length);
      expect(result.problems).toEqual(fixture.problems ?? []);
    },
  );

  it('covers every file of the fixture folder', () => {
    const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.har'));
    expect(files.map((f) => f.replaceAll('\\', '/')).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(Object.entries(FIXTURES))(
    '%s: cookie flags only where the producer recorded them',
    (file, fixture) => {
      const result = capture(file);
      for (const p of fixture.planted) {
        const cookie = sightingOf(result, p)?.cookie;
        if (p.cookie) expect([p.sub, cookie]).toEqual([p.sub, expect.objectContaining(p.cookie)]);
        else expect([p.sub, cookie]).toEqual([p.sub, undefined]);
      }
    },
  );

  it.each(Object.entries(FIXTURES))(
    '%s: request times read as the instant the producer meant',
    (file, fixture) => {
      const result = capture(file);
      for (const p of fixture.planted) {
        const startedAt = sightingOf(result, p)?.startedAt ?? '';
        expect([p.sub, Date.parse(startedAt)]).toEqual([p.sub, p.epochMs]);
      }
    },
  );
});
