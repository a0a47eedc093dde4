import { describe, expect, it } from 'vitest';
import {
  createSightingSink,
  type EntryContext,
  type FindCache,
} from '../../../src/core/capture/sighting-sink';
import { findTokens } from '../../../src/core/token/find-tokens';
import { fakeJwt } from './har-builders';

const context: EntryContext = {
  requestId: '0',
  url: 'https://api.test/',
  method: 'GET',
  status: 200,
  scheme: 'https',
  startedAt: '2026-01-01T00:00:00Z',
  responseCacheControl: '',
};

/** The tokens a sink sharing `cache` records for `text`. */
function tokensOf(text: string, cache: FindCache): string[] {
  const sink = createSightingSink(context, cache);
  sink.add('request-header', 'Authorization', text);
  return sink.sightings.map((s) => s.tokenText);
}

describe('createSightingSink: the findTokens memo', () => {
  const token = fakeJwt({ sub: 'alice', pad: 'x'.repeat(200) });
  // Same length and same end: the memo's sample of the text cannot tell these apart.
  const twins = [`${token} `, `X${token.slice(1)} `, `${token.slice(0, 5)}!${token.slice(6)} `];

  it('gives findTokens of the very text, even when its sample matches a memo of another', () => {
    const cache: FindCache = new Map();
    for (const round of [1, 2])
      for (const text of twins) {
        const expected = findTokens(text).map((found) => found.text);
        expect(tokensOf(text, cache), `round ${round}`).toEqual(expected);
      }
    expect(tokensOf(twins[0] as string, cache)).toEqual([token]);
    expect(tokensOf(twins[1] as string, cache)).toEqual([]);
  });

  it('answers a repeated value from the memo', () => {
    const cache: FindCache = new Map();
    tokensOf(`Bearer ${token}`, cache);
    expect([...cache.values()].map((memo) => memo.tokens)).toEqual([[token]]);
    expect(tokensOf(`Bearer ${token}`, cache)).toEqual([token]);
    expect(cache.size).toBe(1);
  });
});
