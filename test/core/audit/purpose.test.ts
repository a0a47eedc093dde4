import { describe, expect, it } from 'vitest';
import { guessPurpose } from '../../../src/core/audit';
import { parseToken } from '../../../src/core/token/parse-token';
import type { Sighting } from '../../../src/core/types';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jws = (claims: object, header: object = { alg: 'RS256' }) =>
  parseToken(
    `${b64(header)}.${b64(claims)}.${Buffer.from(new Uint8Array(256).fill(3)).toString('base64url')}`,
  );
const seen = (where: Sighting['where'], name: string): Sighting =>
  ({
    id: '1',
    where,
    name,
    tokenText: '',
    url: '',
    method: '',
    status: 0,
    scheme: '',
    startedAt: '',
  }) as Sighting;

describe('guessPurpose by field name and token_use', () => {
  it.each([
    ['a token-list line with no field name', [seen('input', 'tokens.txt:3')], 'unknown'],
    ['a token-list line named id_token', [seen('input', 'tokens.txt:3 id_token')], 'id'],
    ['a token-list line named refresh_token', [seen('input', 'tokens.txt:3 refresh_token')], 'refresh'],
    ['a token-list line named logout_token', [seen('input', 'tokens.txt:3 logout_token')], 'logout'],
    ['an Authorization header', [seen('request-header', 'authorization')], 'access'],
    [
      'a refresh_token body field after an unnamed line',
      [seen('input', 'x:1'), seen('response-body', 'refresh_token')],
      'refresh',
    ],
    ['a file named access-log.txt', [seen('input', 'access-log.txt:1')], 'unknown'],
  ] as const)('%s', (_label, sightings, purpose) => {
    expect(guessPurpose(jws({ sub: 'u' }), sightings)).toBe(purpose);
  });

  it.each([
    [{ token_use: 'refresh' }, 'refresh'],
    [{ token_use: 'id' }, 'id'],
    [{ token_use: 'access' }, 'access'],
    [{ typ: 'Bearer' }, 'access'],
    [{ token_use: '' }, 'unknown'],
    [{ token_use: 'identity' }, 'unknown'],
  ] as const)('claims %o read as %s', (claims, purpose) => {
    expect(guessPurpose(jws({ sub: 'u', ...claims }), [seen('input', 'tokens.txt:1')])).toBe(purpose);
  });
});
