import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64UrlText } from '../../../src/core/token/base64url';
import { parseToken } from '../../../src/core/token/parse-token';
import type { ParsedToken } from '../../../src/core/types';
import { createSampleTokens, type SampleTokens } from './token-helpers';

/** What every parse result must satisfy, whatever the input. */
function expectCoherent(token: ParsedToken): void {
  expect(token.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  if (token.kind === 'malformed') {
    expect(token.errors.length).toBeGreaterThan(0);
    expect(token.signature).toBeUndefined();
    expect(token.signingInput).toBeUndefined();
    if (token.claims) expectWholePayload(token);
    return;
  }
  expect(token.errors).toEqual([]);
  expect(typeof token.header?.alg).toBe('string');
  expect(Object.getPrototypeOf(token.header)).toBeNull();
  if (token.claims) expect(Object.getPrototypeOf(token.claims)).toBeNull();
  if (token.kind === 'jwe') {
    expect(token.segments).toHaveLength(5);
    return;
  }
  expect(token.segments).toHaveLength(3);
  expect(token.signingInput).toBe(`${token.segments[0]}.${token.segments[1]}`);
  expect(token.signature).toBeInstanceOf(Uint8Array);
  expect(token.kind === 'unsecured').toBe(String(token.header?.alg).toLowerCase() === 'none');
  if (token.nested) expectCoherent(token.nested);
}

/**
 * Claims on a malformed token: only a three-segment JWS whose header decoded into a JSON object (its `alg`
 * possibly unusable) and whose payload decoded completely; broken in its signature or its header's `alg`.
 */
function expectWholePayload(token: ParsedToken): void {
  expect([0, 2]).toContain(token.brokenSegment);
  expect(token.segments).toHaveLength(3);
  expect(typeof token.header).toBe('object');
  if (token.header?.b64 === false) return;
  const decoded = decodeBase64UrlText(token.segments[1] ?? '');
  expect(decoded.ok).toBe(true);
  const value: unknown = decoded.ok ? JSON.parse(decoded.text ?? '') : undefined;
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
}

type Mutation = (text: string) => string;

/** Single-character edits and cuts, the damage copy-paste and logs do to tokens. */
function mutation(): fc.Arbitrary<Mutation> {
  const position = fc.nat();
  const char = fc.constantFrom(
    '.',
    '+',
    '/',
    '=',
    ' ',
    'A',
    '_',
    '-',
    '\u2026',
    '{',
    '"',
    '\u00e9',
    '\n',
    '\u0000',
  );
  return fc.oneof(
    fc.tuple(position, char).map(
      ([p, c]): Mutation =>
        (t) => {
          const i = p % (t.length + 1);
          return t.slice(0, i) + c + t.slice(i);
        },
    ),
    fc.tuple(position, char).map(
      ([p, c]): Mutation =>
        (t) => {
          const i = p % Math.max(t.length, 1);
          return t.slice(0, i) + c + t.slice(i + 1);
        },
    ),
    position.map(
      (p): Mutation =>
        (t) => {
          const i = p % Math.max(t.length, 1);
          return t.slice(0, i) + t.slice(i + 1);
        },
    ),
    position.map(
      (p): Mutation =>
        (t) =>
          t.slice(0, p % (t.length + 1)),
    ),
    fc.tuple(position, fc.constantFrom('...', '\u2026')).map(
      ([p, m]): Mutation =>
        (t) =>
          t.slice(0, p % t.length) + m,
    ),
  );
}

describe('parseToken properties', () => {
  let samples: string[];
  let signed: string[];
  beforeAll(async () => {
    const tokens: SampleTokens = await createSampleTokens();
    samples = Object.values(tokens);
    signed = [tokens.hs256, tokens.rs256, tokens.es256, tokens.eddsa];
  });

  it('never throws on arbitrary strings and always returns a coherent result', () => {
    const tokenish = fc.array(fc.constantFrom('eyJ', 'e30', '.', 'eyJhbGciOiJub25lIn0', '-', '_', 'A', '='), {
      maxLength: 20,
    });
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      tokenish.map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => expectCoherent(parseToken(text))),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated valid tokens', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation(), { minLength: 1, maxLength: 4 }), (pick, mutations) => {
        const original = samples[pick % samples.length] ?? '';
        const text = mutations.reduce((t, mutate) => mutate(t), original);
        expectCoherent(parseToken(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps claims after a cut in the signature, never after a cut in the header or payload', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('', '...', '\u2026'), (pick, at, marker) => {
        const original = signed[pick % signed.length] ?? '';
        const [header = '', payload = ''] = original.split('.');
        const cut = at % original.length;
        const token = parseToken(original.slice(0, cut) + marker);
        expectCoherent(token);
        if (cut <= header.length + 1 + payload.length) expect(token.claims).toBeUndefined();
        else expect({ ...token.claims }).toEqual({ ...parseToken(original).claims });
      }),
      { numRuns: 2000 },
    );
  });

  it('parses every sample to the same kind after a round of whitespace', () => {
    for (const text of samples) expect(parseToken(`\n ${text} \t`).kind).toBe(parseToken(text).kind);
  });
});
