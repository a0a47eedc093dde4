import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createScrubber,
  createSegmentIndex,
  hasKnownRun,
  maskFlowParams,
  maskToken,
  maskValue,
} from '../../../src/core/report/redact';

const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0';
const SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const TOKEN = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;

describe('maskToken', () => {
  it.each([
    [TOKEN, `${HEADER}.eyJzdWIi…`],
    [`${HEADER}.${PAYLOAD}.`, `${HEADER}.eyJzdWIi…`],
    [`${HEADER}.e30.`, `${HEADER}.…`],
    [`${HEADER}.a.b.c.d`, `${HEADER}.…`],
    ['not-a-token-at-all', 'not-…(18 chars)'],
    ['short', '…'],
  ])('masks %s', (input, expected) => {
    expect(maskToken(input)).toBe(expected);
  });

  it('cuts a very long header', () => {
    const masked = maskToken(`${'A'.repeat(500)}.${PAYLOAD}.${SIGNATURE}`);
    expect(masked.length).toBeLessThan(140);
    expect(masked).not.toContain(SIGNATURE);
  });
});

describe('maskValue', () => {
  it.each([
    ['alice@example.com', 'al…@ex…'],
    ['+14155550123', '+1…'],
    ['abc', '…'],
  ])('masks %s as %s', (input, expected) => {
    expect(maskValue(input)).toBe(expected);
  });
});

describe('createScrubber', () => {
  const scrub = createScrubber([TOKEN], ['alice@example.com']);

  it.each([
    [`https://x.test/cb?token=${TOKEN}&a=1`, `https://x.test/cb?token=${HEADER}.eyJzdWIi…&a=1`],
    [`Bearer ${TOKEN}`, `Bearer ${HEADER}.eyJzdWIi…`],
    [`sent ${TOKEN}.`, `sent ${HEADER}.eyJzdWIi….`],
    [`x.${TOKEN}`, `x.${HEADER}.eyJzdWIi…`],
    [`signature ${SIGNATURE} alone`, 'signature … alone'],
    ['mail alice@example.com here', 'mail al…@ex… here'],
    ['nothing to see', 'nothing to see'],
  ])('scrubs %s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it('scrubs tokens with characters outside base64url by plain search', () => {
    const odd = 'eyJhbGciOiJub25lIn0 with spaces!';
    expect(createScrubber([odd])(`line: ${odd}`)).toBe('line: eyJh…(32 chars)');
  });

  // Capture finds tokens at base64url boundaries, so any text around one starts and ends with a delimiter.
  const delimiter = fc.constantFrom(' ', '&', '=', '?', '/', '"', ':', '%', '.', ',', '\n');

  it('never leaves the token or its signature in any surrounding text', () => {
    fc.assert(
      fc.property(fc.string(), delimiter, delimiter, fc.string(), (before, open, close, after) => {
        const out = scrub(`${before}${open}${TOKEN}${close}${after}`);
        expect(out).not.toContain(TOKEN);
        expect(out).not.toContain(SIGNATURE);
      }),
    );
  });
});

describe('hasKnownRun', () => {
  /** The definition: some maximal 8+ character base64url run is a known segment. */
  const byRegex = (text: string, segments: ReadonlyMap<string, string>) =>
    (text.match(/[A-Za-z0-9_-]{8,}/g) ?? []).some((run) => segments.has(run));
  const indexOf = (segments: ReadonlyMap<string, string>) => {
    const index = createSegmentIndex();
    for (const [segment, masked] of segments) index.add(segment, masked);
    return index;
  };
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);
  const glue = fc.stringMatching(/^[A-Za-z0-9_ .+/=-]{0,12}$/);

  it('finds a known segment only as a whole run, as the regex definition does', () => {
    const segments = new Map([[SIGNATURE, '…']]);
    const index = indexOf(segments);
    expect(hasKnownRun(`see ${SIGNATURE}.`, index)).toBe(true);
    expect(hasKnownRun(SIGNATURE, index)).toBe(true);
    // Inside a longer run it is another run's part, which the scrubber does not rewrite.
    expect(hasKnownRun(`x${SIGNATURE}`, index)).toBe(false);
    expect(hasKnownRun(`${SIGNATURE.slice(1)}`, index)).toBe(false);
  });

  it('agrees with the regex definition on any text built from known segments and glue', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        // A number picks a known segment, so whole known runs (and ones glued to a neighbour) occur often.
        fc.array(fc.oneof(fc.nat(), segment, glue, fc.string({ maxLength: 10 })), { maxLength: 8 }),
        (known, parts) => {
          const segments = new Map(known.map((s) => [s, '…']));
          const text = parts.map((p) => (typeof p === 'number' ? known[p % known.length] : p)).join('');
          expect(hasKnownRun(text, indexOf(segments))).toBe(byRegex(text, segments));
        },
      ),
    );
  });
});

describe('createSegmentIndex', () => {
  it('finds each segment where it stands, even among segments alike in length and sampled characters', () => {
    // Same length, same last eight and middle eight characters: they differ only at the start.
    const tail = `${'MIDDLE00'.padStart(20, 'x')}${'x'.repeat(12)}LASTEIGH`;
    const a = `A${tail}`;
    const b = `B${tail}`;
    const index = createSegmentIndex();
    index.add(a, 'a…');
    index.add(b, 'b…');
    index.add(a, 'a2…');
    expect(index.size()).toBe(2);
    expect(index.find(`see ${a}.`, 4, 4 + a.length)).toBe('a2…');
    expect(index.find(b, 0, b.length)).toBe('b…');
    expect(index.find(`C${tail}`, 0, a.length)).toBeUndefined();
    expect(index.find(`${a}x`, 0, a.length + 1)).toBeUndefined();
  });

  it('answers as a Map of whole segments would', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 20 }),
        fc.array(segment, { maxLength: 20 }),
        (known, probes) => {
          const map = new Map(known.map((s, i) => [s, `${i}`]));
          const index = createSegmentIndex();
          for (const [i, s] of known.entries()) index.add(s, `${i}`);
          expect(index.size()).toBe(map.size);
          for (const probe of [...known, ...probes])
            expect(index.find(probe, 0, probe.length)).toBe(map.get(probe));
        },
      ),
    );
  });
});

describe('maskFlowParams', () => {
  it('masks the code, state, nonce and PKCE values of a query or fragment, and nothing else', () => {
    expect(
      maskFlowParams('https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj&scope=openid'),
    ).toBe('https://app.example/cb?code=Sp…&state=af…&scope=openid');
    expect(
      maskFlowParams('https://app.example/cb#state=xyz123456&nonce=n-0S6_WzA2Mj&code_verifier=dBjft'),
    ).toBe('https://app.example/cb#state=xy…&nonce=n-…&code_verifier=dB…');
    expect(
      maskFlowParams('https://op.example/authorize?code_challenge=E9Melhoa2Ow&client_secret=s3cr3t-xyz'),
    ).toBe('https://op.example/authorize?code_challenge=E9…&client_secret=s3…');
    expect(maskFlowParams('https://op.example/authorize?client_id=a&login_hint=alice%40example.com')).toBe(
      'https://op.example/authorize?client_id=a&login_hint=al…',
    );
    expect(maskFlowParams('https://api.example/v1?zipcode=90210&statement=1&format=csv')).toBe(
      'https://api.example/v1?zipcode=90210&statement=1&format=csv',
    );
    expect(maskFlowParams('no parameters here')).toBe('no parameters here');
  });

  it('never throws on any text, and no flow value of 5+ URL-safe characters survives', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(typeof maskFlowParams(text)).toBe('string');
      }),
    );
    const value = fc.stringMatching(/^[A-Za-z0-9_-]{5,60}$/);
    fc.assert(
      fc.property(value, value, (code, state) => {
        const out = maskFlowParams(`https://x.example/cb?code=${code}&state=${state}`);
        expect(out).not.toContain(`code=${code}`);
        expect(out).not.toContain(`state=${state}`);
      }),
    );
  });
});
