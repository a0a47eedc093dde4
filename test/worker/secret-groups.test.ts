import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../src/core/types';
import { groupByKey } from '../../src/worker/secret-groups';

const rec = (
  fp: string,
  header: Record<string, unknown>,
  claims: Record<string, unknown> = {},
  kind = 'jws',
) =>
  ({
    token: { fingerprint: fp, kind, header, claims },
    sightings: [],
    purpose: 'unknown',
  }) as unknown as TokenRecord;

describe('groupByKey', () => {
  it('groups HS tokens by alg, iss and kid; leaves other tokens out', () => {
    const groups = groupByKey([
      rec('a', { alg: 'HS256' }, { iss: 'i' }),
      rec('b', { alg: 'HS256' }, { iss: 'i' }),
      rec('c', { alg: 'HS256', kid: 'k' }, { iss: 'i' }),
      rec('d', { alg: 'HS512' }, { iss: 'i' }),
      rec('e', { alg: 'HS256' }, { iss: 'other' }),
      rec('f', { alg: 'RS256' }, { iss: 'i' }),
      rec('g', { alg: 'none' }),
      rec('h', { alg: 'HS256' }, {}, 'malformed'),
      rec('i', { alg: 'hs256' }, { iss: 'i' }),
    ]);
    expect(
      groups.map((g) => [g.key, g.representative.token.fingerprint, g.rest.map((r) => r.token.fingerprint)]),
    ).toEqual([
      ['HS256|i|', 'a', ['b']],
      ['HS256|i|k', 'c', []],
      ['HS512|i|', 'd', []],
      ['HS256|other|', 'e', []],
    ]);
  });

  it('treats non-string iss/kid as absent instead of failing', () => {
    const groups = groupByKey([
      rec('a', { alg: 'HS256', kid: 7 }, { iss: ['x'] }),
      rec('b', { alg: 'HS256' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.rest).toHaveLength(1);
  });
});
