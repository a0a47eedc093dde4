import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacDigest } from '../../../src/core/secrets/hmac';
import { createHmacCracker, type EngineChoice } from '../../../src/core/secrets/hmac-cracker';
import type { HmacAlg } from '../../../src/core/secrets/hmac-types';
import { packCandidates } from '../../../src/core/secrets/pack-candidates';

const ALGS: HmacAlg[] = ['HS256', 'HS384', 'HS512'];
const NODE_HASH = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
/** Lengths either side of every padding boundary: SHA-256 after a 64-byte block, SHA-512 after 128. */
const BOUNDARY_LENGTHS = [
  0, 1, 54, 55, 56, 57, 63, 64, 65, 110, 111, 112, 113, 119, 120, 127, 128, 129, 183, 184, 239, 240, 241,
];

const messageArb = fc.oneof(
  fc
    .constantFrom(...BOUNDARY_LENGTHS)
    .chain((n) => fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.'), minLength: n, maxLength: n })),
  fc.string({ unit: 'grapheme-ascii', maxLength: 400 }),
);

function mac(alg: HmacAlg, key: Uint8Array, message: string): Uint8Array {
  return new Uint8Array(createHmac(NODE_HASH[alg], key).update(message, 'utf8').digest());
}

describe('hmacDigest', () => {
  it('agrees with node:crypto for every algorithm, key length and message length class', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGS),
        fc.uint8Array({ maxLength: 200 }),
        messageArb,
        (alg, key, message) => {
          expect(hmacDigest(alg, key, new TextEncoder().encode(message))).toEqual(mac(alg, key, message));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.each<EngineChoice>(['simd', 'js'])('createHmacCracker (%s)', (engine) => {
  it('finds the key among decoys, for random keys (0..200 bytes) and messages of every length class', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGS),
        fc.uint8Array({ maxLength: 200 }),
        messageArb,
        fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 11 }),
        fc.nat(),
        (alg, key, message, decoys, at) => {
          const position = at % (decoys.length + 1);
          const keys = [...decoys.slice(0, position), key, ...decoys.slice(position)];
          const cracker = createHmacCracker(
            [{ alg, signingInput: message, signature: mac(alg, key, message) }],
            { engine },
          );
          const batch = packCandidates(keys);
          const matches = cracker.tryBatch(batch.bytes, batch.offsets, batch.count);
          expect(matches).toHaveLength(1);
          const found = keys[matches[0]!.candidate]!;
          expect(mac(alg, found, message)).toEqual(mac(alg, key, message));
          expect(matches[0]!.candidate).toBeLessThanOrEqual(position);
          expect(cracker.remaining()).toBe(0);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('takes candidates in place, with separators between them (offsets + ends)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGS),
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 9 }),
        (alg, key, decoys) => {
          const keys = [...decoys, key];
          const gap = [0x0d, 0x0a];
          const bytes = new Uint8Array(keys.reduce((n, k) => n + k.length + gap.length, 0));
          const offsets = new Int32Array(keys.length);
          const ends = new Int32Array(keys.length);
          let at = 0;
          keys.forEach((k, i) => {
            offsets[i] = at;
            bytes.set(k, at);
            ends[i] = at + k.length;
            bytes.set(gap, ends[i]);
            at = ends[i]! + gap.length;
          });
          const cracker = createHmacCracker([{ alg, signingInput: 'a.b', signature: mac(alg, key, 'a.b') }], {
            engine,
          });
          const [match] = cracker.tryBatch(bytes, offsets, keys.length, ends);
          expect(mac(alg, keys[match!.candidate]!, 'a.b')).toEqual(mac(alg, key, 'a.b'));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes candidates in any order of position', () => {
    const bytes = new TextEncoder().encode('zzzzsecretxxxxnope');
    const cracker = createHmacCracker(
      [
        {
          alg: 'HS256',
          signingInput: 'a.b',
          signature: mac('HS256', new TextEncoder().encode('secret'), 'a.b'),
        },
      ],
      { engine },
    );
    const matches = cracker.tryBatch(bytes, Int32Array.of(14, 0, 4), 3, Int32Array.of(18, 4, 10));
    expect(matches).toEqual([{ target: 0, candidate: 2 }]);
  });

  it('cracks several tokens of mixed algorithms in one pass and reports each once', () => {
    const enc = new TextEncoder();
    const secrets = ['alpha', 'x'.repeat(70), 'gamma', 'y'.repeat(130), '', 'zeta'];
    const targets = secrets.map((secret, i) => {
      const alg = ALGS[i % 3]!;
      const signingInput = `header${i}.payload-${'p'.repeat(i * 37)}`;
      return { alg, signingInput, signature: mac(alg, enc.encode(secret), signingInput) };
    });
    const cracker = createHmacCracker(targets, { engine });
    const words = ['nope', ...secrets, ...secrets, 'more', 'words'].map((w) => enc.encode(w));
    const batch = packCandidates(words);
    const matches = cracker.tryBatch(batch.bytes, batch.offsets, batch.count);
    expect(matches.map((m) => [m.target, m.candidate]).sort((a, b) => a[0]! - b[0]!)).toEqual(
      secrets.map((_, i) => [i, i + 1]),
    );
    expect(cracker.tryBatch(batch.bytes, batch.offsets, batch.count)).toEqual([]);
  });

  it('leaves out targets whose MAC length does not fit the algorithm', () => {
    const cracker = createHmacCracker(
      [{ alg: 'HS256', signingInput: 'a.b', signature: new Uint8Array(31) }],
      { engine },
    );
    expect(cracker.remaining()).toBe(0);
    const batch = packCandidates([new Uint8Array(0)]);
    expect(cracker.tryBatch(batch.bytes, batch.offsets, batch.count)).toEqual([]);
  });
});

it('uses the SIMD kernel by default in Node', () => {
  const cracker = createHmacCracker([{ alg: 'HS256', signingInput: 'a.b', signature: new Uint8Array(32) }]);
  expect(cracker.engine).toBe('simd');
});

it('handles more HS256 targets than one SIMD kernel holds (600), cracking the ones in the list', () => {
  const enc = new TextEncoder();
  const targets = Array.from({ length: 600 }, (_, i) => {
    const signingInput = `h.${i}`;
    return {
      alg: 'HS256' as const,
      signingInput,
      signature: mac('HS256', enc.encode(`k${i % 300}`), signingInput),
    };
  });
  const cracker = createHmacCracker(targets);
  const batch = packCandidates(['k7', 'k299', 'nope']);
  const matches = cracker.tryBatch(batch.bytes, batch.offsets, batch.count);
  expect(matches.map((m) => m.target).sort((a, b) => a - b)).toEqual([7, 299, 307, 599]);
});
