import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/core/crypto/fingerprint';
import { verifyTokens } from '../../../src/core/keys';
import { findPublishedToken } from '../../../src/core/keys/published-token-check';
import { PUBLISHED_TOKENS } from '../../../src/core/keys/published-tokens';
import { recordOf } from './helpers';

/** The corpus file that holds jwt.io's default tokens verbatim, with their source. */
const corpus = JSON.parse(readFileSync('test/corpus/tokens/idp-jwtio.json', 'utf8')) as {
  tokens: { id: string; token: string }[];
};
const corpusToken = (level: string) =>
  corpus.tokens.find((t) => t.id === `jwtio-default-ml-dsa-${level}`)?.token ?? '';

/** `text` with the signature's character at `from` from its end swapped for another base64url one. */
function alterSignature(text: string, from = 20): string {
  const i = text.length - from;
  return `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
}

describe('published example tokens (ML-DSA, which JWT Lens cannot verify)', () => {
  it.each(['44', '65', '87'])('holds jwt.io’s ML-DSA-%s default token verbatim', (level) => {
    const entry = PUBLISHED_TOKENS.find((t) => t.alg === `ML-DSA-${level}`);
    expect(entry?.token).toBe(corpusToken(level));
    expect(entry?.token.startsWith('eyJ')).toBe(true);
  });

  it.each(['44', '65', '87'])(
    'jwt.io’s ML-DSA-%s token → key-publicly-known, said honestly',
    async (level) => {
      const text = corpusToken(level);
      const result = await verifyTokens([recordOf(text)], []);
      expect(result.hits.map((h) => h.ruleId)).toEqual(['key-publicly-known']);
      expect(result.hits[0]?.severity).toBe('critical');
      expect(result.hits[0]?.detail).toBe(
        `the token is identical to jwt.io's published ML-DSA-${level} example (jwt.io debugger defaults (github.com/jsonwebtoken/jsonwebtoken.github.io, src/features/common/values/default-tokens.values.ts)); its key is published with it, so anyone can mint this token; JWT Lens does not verify ML-DSA-${level} signatures, so only this exact token is recognised`,
      );
      expect(result.verified).toEqual([
        { fingerprint: fingerprintOf(text), status: 'published-key', tried: 0 },
      ]);
    },
  );

  it('a token differing in one signature character is not recognised (no claim of a published key)', async () => {
    const altered = alterSignature(corpusToken('44'));
    expect(findPublishedToken(fingerprintOf(altered), altered)).toBeUndefined();
    const result = await verifyTokens([recordOf(altered)], []);
    expect(result.hits).toEqual([]);
    expect(result.verified).toEqual([]);
  });

  it('a matching fingerprint alone is not enough: the text must be identical', () => {
    const entry = PUBLISHED_TOKENS[0];
    expect(entry).toBeDefined();
    const text = entry?.token ?? '';
    expect(findPublishedToken(fingerprintOf(text), text)).toBe(entry);
    expect(findPublishedToken(fingerprintOf(text), `${text} `)).toBeUndefined();
  });
});
