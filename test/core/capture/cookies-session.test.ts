import { describe, expect, it } from 'vitest';
import { captureEntry } from '../../../src/core/capture';

const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MTc2NzIyNTYwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMzItYnl0ZXMhIQ';

function entryWithCookie(expires: string) {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url: 'https://app.example.test/', headers: [], cookies: [], queryString: [] },
    response: {
      status: 200,
      headers: [],
      cookies: [{ name: 'session', value: TOKEN, httpOnly: false, secure: true, expires }],
      content: { mimeType: 'text/html', text: '' },
    },
  };
}

describe('HAR cookie expiry', () => {
  it('treats Chromium’s 1969 sentinel as a session cookie, not an expiry', () => {
    const capture = captureEntry(entryWithCookie('1969-12-31T23:59:59.000Z'), '0');
    const cookie = capture.sightings.find((s) => s.where === 'set-cookie')?.cookie;
    expect(cookie).toBeDefined();
    expect(cookie?.expires).toBeUndefined();
  });

  it('keeps a real expiry', () => {
    const capture = captureEntry(entryWithCookie('2026-02-01T00:00:00.000Z'), '0');
    expect(capture.sightings.find((s) => s.where === 'set-cookie')?.cookie?.expires).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });
});
