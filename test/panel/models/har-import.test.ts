import { describe, expect, it } from 'vitest';
import { importHar } from '../../../src/panel/models/har-import';
import { accessClaims, makeEntry, makeHar, makeToken } from '../fixtures';

describe('importHar', () => {
  it('captures a HAR and prefixes ids per import', () => {
    const token = makeToken(accessClaims('alice'));
    const capture = importHar(JSON.stringify(makeHar([makeEntry({ bearer: token })])), 2);
    if ('error' in capture) throw new Error(capture.error);
    expect(capture.entryCount).toBe(1);
    expect(capture.sightings.map((s) => [s.tokenText, s.requestId, s.id])).toEqual([
      [token, 'har2-0', 'har2-0:0'],
    ]);
  });

  it('reports bad JSON without quoting the file', () => {
    const secretish = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const outcome = importHar(`{"log": ${secretish}`, 1);
    expect(outcome).toEqual({ error: 'not a HAR file: the text is not valid JSON' });
  });

  it('reports a document that is not a HAR', () => {
    const outcome = importHar('{"hello": 1}', 1);
    expect('error' in outcome && outcome.error).toBe('not a HAR file: top-level "log" is missing');
  });
});
