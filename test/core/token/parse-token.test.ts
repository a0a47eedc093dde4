import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/core/crypto/fingerprint';
import { MAX_TOKEN_BYTES, parseToken } from '../../../src/core/token/parse-token';
import type { ParsedToken } from '../../../src/core/types';
import { b64, CLAIMS, compact, createSampleTokens, HS256_HEADER, type SampleTokens } from './token-helpers';

const PAYLOAD = b64('{"sub":"12345678901"}');
const withCharAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

/** [name, token, exact errors, whether the header survives]. */
const MALFORMED: [string, string, string[], boolean][] = [
  ['two segments', `${HS256_HEADER}.${PAYLOAD}`, ['expected 3 segments (JWS) or 5 (JWE), found 2'], true],
  ['one segment', HS256_HEADER, ['expected 3 segments (JWS) or 5 (JWE), found 1'], true],
  [
    'four segments',
    `${HS256_HEADER}.${PAYLOAD}.c2ln.eA`,
    ['expected 3 segments (JWS) or 5 (JWE), found 4'],
    true,
  ],
  ['six segments', `${HS256_HEADER}.a.b.c.d.e`, ['expected 3 segments (JWS) or 5 (JWE), found 6'], true],
  [
    'bad payload character',
    `${HS256_HEADER}.${withCharAt(PAYLOAD, 17, '+')}.c2ln`,
    ["segment 2 (payload): character '+' at offset 17 is not base64url"],
    true,
  ],
  [
    'space inside',
    `${HS256_HEADER}.${PAYLOAD.slice(0, 4)} ${PAYLOAD.slice(4)}.c2ln`,
    ['segment 2 (payload): character U+0020 at offset 4 is not base64url'],
    true,
  ],
  [
    'bad header character',
    `eyJh*.${PAYLOAD}.c2ln`,
    ["segment 1 (header): character '*' at offset 4 is not base64url"],
    false,
  ],
  [
    'invalid header JSON',
    compact('{"alg":', '{}'),
    ['header is not valid JSON: Unexpected end of JSON input'],
    false,
  ],
  ['empty header', `.${PAYLOAD}.c2ln`, ['header is not valid JSON: Unexpected end of JSON input'], false],
  [
    'header with a BOM',
    compact('\ufeff{"alg":"HS256"}', '{}'),
    ["header is not valid JSON: Unexpected token 'U+FEFF'"],
    false,
  ],
  ['header is an array', compact('["alg"]', '{}'), ['header is a JSON array, not an object'], false],
  ['header is a string', compact('"alg"', '{}'), ['header is a JSON string, not an object'], false],
  ['header is null', compact('null', '{}'), ['header is a JSON null, not an object'], false],
  [
    'header not UTF-8',
    `${b64(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))}.${PAYLOAD}.c2ln`,
    ['header is not UTF-8 text: invalid byte 0xff at decoded offset 2'],
    false,
  ],
  [
    'truncated with dots',
    `${HS256_HEADER}...`,
    ['token looks truncated: ends with "..." in segment 1 (header)'],
    true,
  ],
  [
    'truncated with an ellipsis',
    'eyJhbGciOi\u2026',
    ['token looks truncated: ends with "\u2026" in segment 1 (header)'],
    false,
  ],
  [
    'truncated payload',
    `${HS256_HEADER}.eyJzdWIi\u2026`,
    ['token looks truncated: ends with "\u2026" in segment 2 (payload)'],
    true,
  ],
  [
    'JWS JSON serialization',
    '{"payload":"e30","signatures":[]}',
    ['token is JSON (JWS JSON serialization), not compact'],
    false,
  ],
  [
    'flattened JWS JSON',
    '{"payload":"e30","protected":"x","signature":"y"}',
    ['token is JSON (JWS JSON serialization), not compact'],
    false,
  ],
  [
    'JWE JSON serialization',
    '{"protected":"x","ciphertext":"y","tag":"z"}',
    ['token is JSON (JWE JSON serialization), not compact'],
    false,
  ],
  ['other JSON', '{"access_token":"x"}', ['token is JSON, not a compact JWS or JWE'], false],
  [
    'JSON-like junk',
    '{not json',
    ['token starts with "{" but is neither JSON nor a compact JWS or JWE'],
    false,
  ],
  ['empty', '', ['token is empty'], false],
  ['blank', ' \n\t ', ['token is empty'], false],
  [
    'JWE without enc',
    `${b64('{"alg":"dir"}')}..aXY.Y3Q.dGFn`,
    ['header has no "enc" member (required for JWE)'],
    true,
  ],
  [
    'JWE with a bad ciphertext',
    `${b64('{"alg":"dir","enc":"A256GCM"}')}..aXY.Y3+Q.dGFn`,
    ["segment 4 (ciphertext): character '+' at offset 2 is not base64url"],
    true,
  ],
  [
    'several problems at once',
    `${HS256_HEADER}.a+b.c/d`,
    [
      "segment 2 (payload): character '+' at offset 1 is not base64url",
      "segment 3 (signature): character '/' at offset 1 is not base64url",
    ],
    true,
  ],
];

/** [name, token, exact errors]: header and payload whole, only the signature segment broken. */
const SIGNATURE_BROKEN: [string, string, string[]][] = [
  [
    'slash in the signature',
    `${HS256_HEADER}.${PAYLOAD}.ab/c`,
    ["segment 3 (signature): character '/' at offset 2 is not base64url"],
  ],
  [
    'padding',
    `${HS256_HEADER}.${PAYLOAD}.c2lnbg==`,
    ["segment 3 (signature): character '=' at offset 6 is not base64url (padding is not allowed)"],
  ],
  [
    'non-ASCII character',
    `${HS256_HEADER}.${PAYLOAD}.sig\u00e9`,
    ['segment 3 (signature): character U+00E9 at offset 3 is not base64url'],
  ],
  [
    'impossible length',
    `${HS256_HEADER}.${PAYLOAD}.c2lnb`,
    ['segment 3 (signature): length 5 is not a valid base64url length'],
  ],
  [
    'cut in the signature with an ellipsis',
    `${HS256_HEADER}.${PAYLOAD}.c2lnbmF0\u2026`,
    ['token looks truncated: ends with "\u2026" in segment 3 (signature)'],
  ],
  [
    'cut right after the payload with dots',
    `${HS256_HEADER}.${PAYLOAD}....`,
    ['token looks truncated: ends with "..." in segment 3 (signature)'],
  ],
];

describe('parseToken: malformed input', () => {
  it.each(MALFORMED)('%s', (_name, text, errors, keepsHeader) => {
    const token = parseToken(text);
    expect(token.kind).toBe('malformed');
    expect(token.errors).toEqual(errors);
    expect(token.header !== undefined).toBe(keepsHeader);
    // Rules read claims, signatures and signing input: a malformed token must offer none of them.
    expect(token.claims).toBeUndefined();
    expect(token.signature).toBeUndefined();
    expect(token.signingInput).toBeUndefined();
    expect(token.fingerprint).toBe(fingerprintOf(text.trim()));
  });

  it.each(SIGNATURE_BROKEN)('%s: keeps the header and claims, never a signature', (_name, text, errors) => {
    const token = parseToken(text);
    expect(token.kind).toBe('malformed');
    expect(token.errors).toEqual(errors);
    expect(token.brokenSegment).toBe(2);
    expect(token.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect({ ...token.claims }).toEqual({ sub: '12345678901' });
    expect(token.signature).toBeUndefined();
    expect(token.signingInput).toBeUndefined();
  });

  it.each([
    ['a bad payload', `${HS256_HEADER}.${withCharAt(PAYLOAD, 17, '+')}.c2ln`, 1],
    ['a payload cut short', `${HS256_HEADER}.${PAYLOAD.slice(0, 12)}\u2026`, undefined],
    ['a payload cut short, then the signature broken', `${HS256_HEADER}.${PAYLOAD.slice(0, 13)}.a/b`, 1],
    [
      'a payload cut at a whole byte, then the signature broken',
      `${HS256_HEADER}.${PAYLOAD.slice(0, 12)}.a/b`,
      2,
    ],
    ['a bad header', `eyJh*.${PAYLOAD}.c2ln`, 0],
    ['a bad JWE ciphertext', `${b64('{"alg":"dir","enc":"A256GCM"}')}..aXY.Y3+Q.dGFn`, 3],
    ['a JWE cut in its IV', `${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.${PAYLOAD}.aX\u2026`, undefined],
  ])('%s: names the broken segment, keeps no claims', (_name, text, broken) => {
    const token = parseToken(text);
    expect(token.brokenSegment).toBe(broken);
    expect(token.claims).toBeUndefined();
  });

  it.each([
    ['header without alg', compact({ typ: 'JWT' }, '{"sub":"a"}'), 'header has no "alg" member'],
    ['alg is a number', compact('{"alg":256}', '{"sub":"a"}'), 'header "alg" is not a string (found number)'],
    ['alg is null', compact('{"alg":null}', '{"sub":"a"}'), 'header "alg" is not a string (found null)'],
  ])(
    '%s: keeps the header (for alg-unregistered) and the whole payload, never a signature',
    (_n, text, error) => {
      const token = parseToken(text);
      expect(token.kind).toBe('malformed');
      expect(token.errors).toEqual([error]);
      expect(token.brokenSegment).toBe(0);
      expect(token.header).toBeDefined();
      expect({ ...token.claims }).toEqual({ sub: 'a' });
      expect(token.signature).toBeUndefined();
      expect(token.signingInput).toBeUndefined();
    },
  );

  it('keeps the header of a JWS broken in its payload, never claims', () => {
    const token = parseToken(`${HS256_HEADER}.${withCharAt(PAYLOAD, 17, '+')}.c2ln`);
    expect(token.brokenSegment).toBe(1);
    expect(token.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(token.claims).toBeUndefined();
  });

  it('reports tokens over 64 KiB without decoding them', () => {
    const text = `${HS256_HEADER}.${'A'.repeat(70_000 - HS256_HEADER.length - 6)}.c2ln`;
    const token = parseToken(text);
    expect(token.errors).toEqual(['token is 70000 bytes; tokens over 65536 bytes are reported, not parsed']);
    expect(token.header).toBeUndefined();
    expect(token.segments).toEqual([]);
    expect(MAX_TOKEN_BYTES).toBe(65536);
  });

  it('counts UTF-8 bytes, not UTF-16 units, against the limit', () => {
    const token = parseToken('\u00e9'.repeat(40_000));
    expect(token.errors).toEqual(['token is 80000 bytes; tokens over 65536 bytes are reported, not parsed']);
    expect(parseToken('A'.repeat(MAX_TOKEN_BYTES)).errors).toEqual([
      'expected 3 segments (JWS) or 5 (JWE), found 1',
      "header is not valid JSON: Unexpected token 'U+0000'",
    ]);
  });

  it('never throws, even for a non-string', () => {
    expect(parseToken(undefined as unknown as string).errors).toEqual(['token is not a string']);
    expect(parseToken(42 as unknown as string).kind).toBe('malformed');
  });
});

describe('parseToken: jose-made tokens', () => {
  let tokens: SampleTokens;
  beforeAll(async () => {
    tokens = await createSampleTokens();
  });

  it.each([
    ['hs256', 'HS256', 32],
    ['rs256', 'RS256', 256],
    ['es256', 'ES256', 64],
    ['eddsa', 'EdDSA', 64],
  ] as const)('parses %s', (name, alg, signatureBytes) => {
    const text = tokens[name];
    const token = parseToken(text);
    expect(token).toMatchObject({ kind: 'jws', errors: [], warnings: [], text });
    expect(token.header).toEqual({ alg, typ: 'JWT', kid: `${alg}-key` });
    expect({ ...token.claims }).toEqual(CLAIMS);
    expect(token.signature?.length).toBe(signatureBytes);
    expect(token.signingInput).toBe(text.split('.').slice(0, 2).join('.'));
    expect(token.segments).toEqual(text.split('.'));
    expect(token.fingerprint).toBe(fingerprintOf(text));
    expect(token.payloadProblem).toBeUndefined();
  });

  it('parses an unsecured JWT as kind unsecured with an empty signature', () => {
    const token = parseToken(tokens.unsecured);
    expect(token).toMatchObject({ kind: 'unsecured', errors: [] });
    expect({ ...token.claims }).toEqual(CLAIMS);
    expect(token.signature).toEqual(new Uint8Array(0));
  });

  it('parses a JWE: header only', () => {
    const token = parseToken(tokens.jwe);
    expect(token).toMatchObject({ kind: 'jwe', errors: [], warnings: [] });
    expect(token.header).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(token.segments).toHaveLength(5);
    expect(token.claims).toBeUndefined();
    expect(token.signature).toBeUndefined();
  });

  it('unwraps a nested JWT (cty: JWT) into `nested`', () => {
    const token = parseToken(tokens.nested);
    expect(token).toMatchObject({ kind: 'jws', errors: [], header: { alg: 'ES256', cty: 'JWT' } });
    expect(token.claims).toBeUndefined();
    expect(token.payloadProblem).toBeUndefined();
    expect(token.nested?.text).toBe(tokens.hs256);
    expect(token.nested?.kind).toBe('jws');
    expect({ ...token.nested?.claims }).toEqual(CLAIMS);
    expect(token.nested?.fingerprint).toBe(fingerprintOf(tokens.hs256));
  });

  it('unwraps a JWE nested in a JWS, with cty in any case', () => {
    expect(parseToken(tokens.nestedJwe).nested?.kind).toBe('jwe');
  });

  it('trims surrounding whitespace only', () => {
    const token = parseToken(`  ${tokens.hs256}\n`);
    expect(token.text).toBe(tokens.hs256);
    expect(token.kind).toBe('jws');
  });
});

describe('parseToken: well-formed edge cases', () => {
  const jws = (header: object | string, payload: string, sig?: string): ParsedToken =>
    parseToken(compact(header, payload, sig));

  it.each(['none', 'NONE', 'None', 'nOnE'])('treats alg %s as unsecured', (alg) => {
    expect(jws({ alg }, '{}', '').kind).toBe('unsecured');
  });

  it.each([
    ['an array', '[1,2]', 'payload is a JSON array, not a claims object'],
    ['a number', '42', 'payload is a JSON number, not a claims object'],
    ['null', 'null', 'payload is a JSON null, not a claims object'],
    ['plain text', 'hello', "payload is not JSON: Unexpected token 'h'"],
    ['empty', '', 'payload is empty (detached content?)'],
  ])('keeps kind jws when the payload is %s', (_name, payload, problem) => {
    const token = jws({ alg: 'HS256' }, payload);
    expect(token.kind).toBe('jws');
    expect(token.errors).toEqual([]);
    expect(token.payloadProblem).toBe(problem);
    expect(token.claims).toBeUndefined();
  });

  it('does not quote payload content in JSON error messages', () => {
    const token = jws({ alg: 'HS256' }, '{"password":"hunter2"');
    expect(token.payloadProblem).toMatch(/^payload is not JSON: /);
    expect(token.payloadProblem).not.toContain('hunter2');
  });

  it('reports a payload that is not UTF-8', () => {
    const token = parseToken(`${HS256_HEADER}.${b64(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))}.c2ln`);
    expect(token).toMatchObject({ kind: 'jws', payloadProblem: 'payload is not UTF-8 text', errors: [] });
  });

  it('accepts a detached payload (empty second segment)', () => {
    const token = parseToken(`${HS256_HEADER}..c2ln`);
    expect(token.kind).toBe('jws');
    expect(token.signingInput).toBe(`${HS256_HEADER}.`);
  });

  it('reads an RFC 7797 unencoded payload as is', () => {
    const token = parseToken(`${b64('{"alg":"HS256","b64":false,"crit":["b64"]}')}.{"a":1}.c2ln`);
    expect(token.kind).toBe('jws');
    expect({ ...token.claims }).toEqual({ a: 1 });
  });

  it('warns on non-canonical base64url but still parses', () => {
    // "c2lu" → "sin"; "c2m" → 2 bytes with the last 2 bits set.
    const token = parseToken(`${HS256_HEADER}.${PAYLOAD}.c2m`);
    expect(token.kind).toBe('jws');
    expect(token.warnings).toEqual([
      'segment 3 (signature): non-canonical base64url (unused trailing bits are set)',
    ]);
  });

  it('stops unwrapping nested JWTs after 4 levels', () => {
    let text = compact({ alg: 'HS256' }, '{"sub":"core"}');
    for (let i = 0; i < 6; i++) text = compact({ alg: 'HS256', cty: 'JWT' }, text);
    let token: ParsedToken | undefined = parseToken(text);
    let depth = 0;
    while (token?.nested) {
      token = token.nested;
      depth++;
    }
    expect(depth).toBe(4);
    expect(token?.warnings).toEqual(['nested JWT deeper than 4 levels: inner token not parsed']);
  });

  it('parses claims when cty is JWT but the payload is JSON', () => {
    const token = jws({ alg: 'HS256', cty: 'JWT' }, '{"sub":"x"}');
    expect(token.nested).toBeUndefined();
    expect({ ...token.claims }).toEqual({ sub: 'x' });
  });
});

describe('parseToken: shared headers', () => {
  it('gives tokens with the same header segment an equal, frozen header', () => {
    const a = parseToken(compact({ alg: 'HS256', jwk: { kty: 'oct' } }, '{"sub":"a"}'));
    const b = parseToken(compact({ alg: 'HS256', jwk: { kty: 'oct' } }, '{"sub":"b"}'));
    expect(b.header).toEqual(a.header);
    expect(Object.isFrozen(a.header)).toBe(true);
    expect(Object.isFrozen(a.header?.jwk)).toBe(true);
    expect(Object.getPrototypeOf(a.header)).toBeNull();
  });

  it('replays header errors and warnings for every token that repeats them', () => {
    const header = '{"alg":"HS256","alg":"none","typ":1';
    for (let i = 0; i < 3; i++) {
      expect(parseToken(compact(header, `{"n":${i}}`)).errors).toEqual([
        "header is not valid JSON: Expected ',' or '}' after property value in JSON at position 35",
      ]);
      const token = parseToken(compact('{"alg":"HS256","alg":"none"}', `{"n":${i}}`));
      expect(token.warnings).toEqual(['header has duplicate key "alg"']);
      expect(token.kind).toBe('unsecured');
    }
  });
});
