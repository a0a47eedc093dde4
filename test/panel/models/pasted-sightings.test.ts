import { describe, expect, it } from 'vitest';
import { MAX_PASTE_CHARS, pastedSightings } from '../../../src/panel/models/pasted-sightings';
import { accessClaims, makeToken } from '../fixtures';

const AT = '2030-01-01T00:00:00.000Z';

describe('pastedSightings', () => {
  it('finds the token inside a pasted header', () => {
    const token = makeToken(accessClaims('alice'));
    const sightings = pastedSightings(`Authorization: Bearer ${token}\n`, 1, AT);
    expect(sightings.map((s) => [s.tokenText, s.where, s.name])).toEqual([[token, 'input', 'pasted']]);
  });

  it('audits text with no recognisable token as one token, so the user learns why', () => {
    expect(pastedSightings('  not-a-jwt  ', 2, AT).map((s) => s.tokenText)).toEqual(['not-a-jwt']);
  });

  it('accepts nothing for empty or oversized text', () => {
    expect(pastedSightings('   ', 3, AT)).toEqual([]);
    expect(pastedSightings('a'.repeat(MAX_PASTE_CHARS + 1), 4, AT)).toEqual([]);
  });

  it('keeps each distinct token once', () => {
    const token = makeToken(accessClaims('carol'));
    expect(pastedSightings(`${token} ${token}`, 5, AT)).toHaveLength(1);
  });
});
