import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storageSightings } from '../../../src/panel/models/storage-sightings';
import { accessClaims, makeToken } from '../fixtures';

const AT = '2030-01-01T00:00:00.000Z';

describe('storageSightings', () => {
  it('makes one storage sighting per token found in a value', () => {
    const token = makeToken(accessClaims('alice'));
    const items = [
      {
        area: 'localStorage',
        key: 'auth',
        value: JSON.stringify({ access_token: token }),
        origin: 'https://app.example.test',
      },
      { area: 'sessionStorage', key: 'theme', value: 'dark', origin: 'https://app.example.test' },
    ];
    const sightings = storageSightings(items, 1, AT);
    expect(sightings).toHaveLength(1);
    expect(sightings[0]).toMatchObject({
      tokenText: token,
      where: 'storage',
      name: 'localStorage["auth"]',
      url: 'https://app.example.test',
      scheme: 'https',
      startedAt: AT,
      requestId: 'storage-1-0',
      id: 'storage-1-0:0',
    });
  });

  it('takes opaque tokens only where the key or a stored JSON member names one', () => {
    const rt = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';
    const at = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
    const origin = 'https://app.example.test';
    const items = [
      {
        area: 'sessionStorage',
        key: 'auth',
        value: JSON.stringify({ refresh_token: rt, expires_in: 3600 }),
        origin,
      },
      { area: 'localStorage', key: 'accessToken', value: at, origin },
      { area: 'localStorage', key: 'device_id', value: rt, origin },
      { area: 'localStorage', key: 'refresh_token', value: 'null', origin },
      { area: 'localStorage', key: 'cache', value: JSON.stringify({ csrf_token: at }), origin },
    ];
    const sightings = storageSightings(items, 4, AT);
    expect(sightings.map((s) => [s.name, s.tokenText, s.opaque])).toEqual([
      ['sessionStorage["auth"]', rt, true],
      ['localStorage["accessToken"]', at, true],
    ]);
  });

  it('skips items that fail the guard', () => {
    const token = makeToken(accessClaims('bob'));
    const bad = [
      null,
      'x',
      { area: 'cookies', key: 'k', value: token, origin: 'https://a.test' },
      { area: 'localStorage', key: 1, value: token, origin: '' },
    ];
    expect(storageSightings(bad, 2, AT)).toEqual([]);
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), (items) => {
        expect(Array.isArray(storageSightings(items, 3, AT))).toBe(true);
      }),
    );
  });
});
