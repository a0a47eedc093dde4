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
