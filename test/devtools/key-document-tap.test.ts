import { describe, expect, it } from 'vitest';
import { createKeyDocumentTap, MAX_KEY_DOCUMENTS } from '../../src/devtools/key-document-tap';

const entry = (url: string, text: unknown, encoding?: string) => ({
  request: { url },
  response: { content: encoding ? { text, encoding } : { text } },
});

describe('createKeyDocumentTap', () => {
  it('keeps JWKS and discovery documents, latest per URL', () => {
    const tap = createKeyDocumentTap();
    expect(tap.observe(entry('https://i.test/jwks', '{"keys":[]}'), '1')).toBe(true);
    expect(
      tap.observe(
        entry(
          'https://i.test/.well-known/openid-configuration',
          '{"issuer":"https://i.test","jwks_uri":"https://i.test/jwks"}',
        ),
        '2',
      ),
    ).toBe(true);
    expect(tap.observe(entry('https://i.test/jwks', '{"keys":[{"kty":"RSA"}]}'), '3')).toBe(true);
    expect(tap.documents().map((d) => [d.kind, d.requestId])).toEqual([
      ['openid-configuration', '2'],
      ['jwks', '3'],
    ]);
  });

  it('ignores everything else without throwing', () => {
    const tap = createKeyDocumentTap();
    for (const e of [
      entry('https://a.test/', '{"user":1}'),
      entry('https://a.test/', '{"keys": broken'),
      entry('https://a.test/', '{"keys":"not an array"}'),
      entry('https://a.test/', 'eyJrZXlzIjpbXX0=', 'base64'),
      entry('https://a.test/', 42),
      null,
      'junk',
    ]) {
      expect(tap.observe(e, 'x')).toBe(false);
    }
    expect(tap.documents()).toEqual([]);
  });

  it('is bounded', () => {
    const tap = createKeyDocumentTap();
    for (let i = 0; i < MAX_KEY_DOCUMENTS + 5; i++)
      tap.observe(entry(`https://i${i}.test/jwks`, '{"keys":[]}'), String(i));
    const documents = tap.documents();
    expect(documents).toHaveLength(MAX_KEY_DOCUMENTS);
    expect(documents[0]?.requestId).toBe('5');
  });
});
