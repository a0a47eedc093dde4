import { describe, expect, it } from 'vitest';
import { collectHmacTargets } from '../../../src/core/secrets/hmac-targets';
import { parseToken } from '../../../src/core/token/parse-token';
import { createTokenTextSet } from '../../../src/core/token/token-text-set';

const HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
/** Another HS256 token (other claims, same made-up signature bytes). */
const OTHER_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlhdCI6MTUxNjIzOTAyMn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('createTokenTextSet', () => {
  it('adds a text once, whichever string object carries it', () => {
    const set = createTokenTextSet();
    expect(set.add({ text: HS256, fingerprint: 'aa' })).toBe(true);
    expect(set.add({ text: `${HS256} `.trim(), fingerprint: 'aa' })).toBe(false);
    expect(set.add({ text: OTHER_HS256, fingerprint: 'bb' })).toBe(true);
  });

  it('keeps two texts with one fingerprint (a crafted collision) apart', () => {
    const set = createTokenTextSet();
    expect(set.add({ text: HS256, fingerprint: 'aa' })).toBe(true);
    expect(set.add({ text: OTHER_HS256, fingerprint: 'aa' })).toBe(true);
    expect(set.add({ text: OTHER_HS256, fingerprint: 'aa' })).toBe(false);
    expect(set.add({ text: HS256, fingerprint: 'aa' })).toBe(false);
  });
});

describe('collectHmacTargets over repeated and colliding texts', () => {
  it('targets each distinct text once', () => {
    const targets = collectHmacTargets([parseToken(HS256), parseToken(OTHER_HS256), parseToken(HS256)]);
    expect(targets.targets.map((t) => t.signingInput)).toEqual([
      HS256.slice(0, HS256.lastIndexOf('.')),
      OTHER_HS256.slice(0, OTHER_HS256.lastIndexOf('.')),
    ]);
  });

  it('targets both texts of a fingerprint collision', () => {
    const first = parseToken(HS256);
    const second = { ...parseToken(OTHER_HS256), fingerprint: first.fingerprint };
    expect(collectHmacTargets([first, second]).targets).toHaveLength(2);
  });
});
