import type { JsonObject, ParsedToken } from '../types';
import { checkBase64Url } from './base64url';
import { slabBytes } from './byte-slab';
import { createToken, NO_PROBLEMS } from './create-token';
import { decodeHeader } from './decode-header';
import { decodeSegment, decodeSegmentText, type Problems, readClaims, segmentName } from './decode-parts';
import { MAX_NESTED_TOKENS, MAX_TOKEN_BYTES } from './limits';

export { MAX_TOKEN_BYTES } from './limits';

/** `cty` values announcing a nested JWT (RFC 7519 §5.2: "JWT"; the media type is seen in the wild too). */
const NESTED_CTY = /^(application\/)?jwt$/i;

/** A compact JWS or JWE, as a nested payload must be: base64url segments only, 3 or 5 of them. */
const COMPACT = /^[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){2}((\.[A-Za-z0-9_-]*){2})?$/;

/** Swaps empty problem lists for the shared one, on the token and any tokens nested in it. */
function shareEmptyLists(token: ParsedToken): ParsedToken {
  if (token.errors.length === 0) token.errors = NO_PROBLEMS;
  if (token.warnings.length === 0) token.warnings = NO_PROBLEMS;
  if (token.nested) shareEmptyLists(token.nested);
  return token;
}

/** UTF-8 length of `text`, counting lone surrogates as the 3 bytes of U+FFFD, as TextEncoder does. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Names the JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2) a `{…}` token uses. */
function describeJsonToken(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'token starts with "{" but is neither JSON nor a compact JWS or JWE';
  }
  const members = typeof value === 'object' && value !== null ? value : {};
  if ('ciphertext' in members) return 'token is JSON (JWE JSON serialization), not compact';
  if ('payload' in members) return 'token is JSON (JWS JSON serialization), not compact';
  return 'token is JSON, not a compact JWS or JWE';
}

/** `...` or `…` when the token ends with one: a copy cut short by a UI, a log or a person. */
function truncationMarker(text: string): string | null {
  if (text.endsWith('...')) return '...';
  if (text.endsWith('\u2026')) return '\u2026';
  return null;
}

/** Reports a token damaged beyond decoding, keeping its header when that alone decoded cleanly. */
function failWithHeader(token: ParsedToken, reportHeader: boolean): ParsedToken {
  const problems: Problems = { errors: [], warnings: [] };
  const header = decodeHeader(token.segments[0] ?? '', problems);
  if (header && problems.errors.length === 0) token.header = header;
  if (reportHeader) token.errors.push(...problems.errors);
  token.warnings.push(...problems.warnings);
  return token;
}

/** The payload as text: RFC 7797 `b64: false` payloads are not encoded at all. */
function payloadText(segment: string, unencoded: boolean, problems: Problems): string | null | undefined {
  return unencoded ? segment : decodeSegmentText(segment, 1, 3, problems);
}

/** The header and payload of a JWS as decoded, and whether each decoded completely. */
interface Front {
  /** The header when it decoded into a JSON object, even one whose `alg` is missing or not a string. */
  header: JsonObject | undefined;
  /** The header decoded without an error (its `alg` a string too). */
  headerClean: boolean;
  /** The payload text; `undefined` when the segment did not decode, `null` when it is not UTF-8. */
  text: string | null | undefined;
  /** Header and payload both decoded without an error. */
  clean: boolean;
}

function decodeFront(token: ParsedToken, problems: Problems): Front {
  const [first = '', second = ''] = token.segments;
  const header = decodeHeader(first, problems);
  const headerClean = problems.errors.length === 0;
  const text = payloadText(second, header?.b64 === false, problems);
  const clean = header !== undefined && problems.errors.length === 0 && text !== undefined;
  return { header, headerClean, text, clean };
}

/**
 * A JWS that failed to decode somewhere (its `errors` already say where), keeping every part that decoded
 * completely, for the rules to judge: the header when it is a JSON object (even with an unusable `alg`,
 * which `alg-unregistered` then reports), the claims when the payload decoded too (a payload cut short
 * must not read as a claims set without `exp`). `brokenSegment` names the first broken part: 0 the
 * header (undecodable, or its `alg` missing or not a string), 1 the payload, 2 the signature. The token
 * stays malformed with no signature or signing input, so no signature check runs.
 */
function keepDecodedParts(token: ParsedToken, front: Front, depth: number): ParsedToken {
  const { header, text } = front;
  token.brokenSegment = !front.headerClean ? 0 : text === undefined ? 1 : 2;
  if (!header) return token;
  token.header = header;
  return text === undefined ? token : readPayload(token, header, text, depth);
}

/** Reads the payload of a JWS whose header and payload decoded: a nested token, claims, or why neither. */
function readPayload(
  token: ParsedToken,
  header: JsonObject,
  text: string | null,
  depth: number,
): ParsedToken {
  const cty = header.cty;
  if (typeof cty === 'string' && NESTED_CTY.test(cty) && text !== null && COMPACT.test(text.trim())) {
    if (depth < MAX_NESTED_TOKENS) token.nested = parseAt(text.trim(), depth + 1);
    else token.warnings.push(`nested JWT deeper than ${MAX_NESTED_TOKENS} levels: inner token not parsed`);
    return token;
  }
  const reading = readClaims(text);
  if (reading.claims) token.claims = reading.claims;
  if (reading.problem) token.payloadProblem = reading.problem;
  token.warnings.push(...reading.warnings);
  return token;
}

function parseJws(token: ParsedToken, depth: number): ParsedToken {
  const [first = '', second = '', third = ''] = token.segments;
  const problems: Problems = { errors: [], warnings: token.warnings };
  const front = decodeFront(token, problems);
  const signature = decodeSegment(third, 2, 3, problems, slabBytes);
  const { header, text } = front;
  if (!front.clean || !header || text === undefined || !signature) {
    token.errors.push(...problems.errors);
    return keepDecodedParts(token, front, depth);
  }
  const alg = header.alg as string;
  token.kind = alg.toLowerCase() === 'none' ? 'unsecured' : 'jws';
  token.header = header;
  // A slice of the text (one small view) rather than `${first}.${second}` (two string objects per token).
  token.signingInput = token.text.slice(0, first.length + 1 + second.length);
  token.signature = signature;
  return readPayload(token, header, text, depth);
}

/** The segment a cut fell in, for messages: ` in segment 2 (payload)`; JWE names from the 4th segment on. */
function cutPlace(count: number): string {
  if (count < 1 || count > 5) return '';
  return ` in ${segmentName(count - 1, count > 3 ? 5 : 3)}`;
}

/**
 * A token cut short by a UI, a log or a person (`…` or `...` at the end). Cut in the third segment of a
 * JWS, its header and payload are whole (each is followed by a `.`): they are read like those of a JWS
 * with a broken signature. Cut anywhere earlier, or in a JWE (`enc` in the header), no claims are read,
 * only a clean header is kept.
 */
function parseCut(token: ParsedToken, marker: string, depth: number): ParsedToken {
  const count = token.segments.length;
  token.errors.push(`token looks truncated: ends with "${marker}"${cutPlace(count)}`);
  if (count !== 3) return failWithHeader(token, false);
  const problems: Problems = { errors: [], warnings: token.warnings };
  const front = decodeFront(token, problems);
  if (front.header && Object.hasOwn(front.header, 'enc')) {
    // A JWE cut in its initialization vector: the second segment is an encrypted key, not a payload.
    if (front.headerClean) token.header = front.header;
    return token;
  }
  token.errors.push(...problems.errors);
  return keepDecodedParts(token, front, depth);
}

/** JWE: only the protected header is readable; the other four segments must still be base64url. */
function parseJwe(token: ParsedToken): ParsedToken {
  const problems: Problems = { errors: [], warnings: token.warnings };
  const header = decodeHeader(token.segments[0] ?? '', problems);
  if (header && problems.errors.length === 0) {
    token.header = header;
    if (typeof header.enc !== 'string') problems.errors.push('header has no "enc" member (required for JWE)');
  }
  if (problems.errors.length > 0) token.brokenSegment = 0;
  for (let i = 1; i < 5; i++) {
    const problem = checkBase64Url(token.segments[i] ?? '');
    if (!problem) continue;
    problems.errors.push(`${segmentName(i, 5)}: ${problem.error}`);
    token.brokenSegment ??= i;
  }
  token.errors.push(...problems.errors);
  if (token.errors.length === 0) token.kind = 'jwe';
  return token;
}

function parseAt(input: string, depth: number, fingerprint?: string): ParsedToken {
  const text = input.trim();
  const token = createToken(text, fingerprint);
  if (text === '') return withError(token, 'token is empty');
  // A quick bound first: only long strings pay for the exact UTF-8 count.
  const bytes = text.length * 3 > MAX_TOKEN_BYTES ? utf8Length(text) : text.length;
  if (bytes > MAX_TOKEN_BYTES) {
    return withError(
      token,
      `token is ${bytes} bytes; tokens over ${MAX_TOKEN_BYTES} bytes are reported, not parsed`,
    );
  }
  if (text.charCodeAt(0) === 0x7b) return withError(token, describeJsonToken(text));
  const marker = truncationMarker(text);
  if (marker) {
    token.segments = text.slice(0, text.length - marker.length).split('.');
    return parseCut(token, marker, depth);
  }
  token.segments = text.split('.');
  if (token.segments.length === 3) return parseJws(token, depth);
  if (token.segments.length === 5) return parseJwe(token);
  token.errors.push(`expected 3 segments (JWS) or 5 (JWE), found ${token.segments.length}`);
  return failWithHeader(token, true);
}

function withError(token: ParsedToken, error: string): ParsedToken {
  token.errors.push(error);
  return token;
}

/**
 * Parses one compact token: JWS, unsecured JWS (`alg: none`), JWE (header only) or a nested JWT
 * (`cty: JWT`, unwrapped recursively up to `MAX_NESTED_TOKENS`). Never throws: anything that is not a
 * well-formed token comes back with `kind: 'malformed'` and precise `errors`; oddities that do not stop
 * parsing (duplicate keys, prototype keys, deep nesting, non-canonical base64url) land in `warnings`.
 * `fingerprint`: that of `text.trim()`, when the caller has already worked it out.
 */
export function parseToken(text: string, fingerprint?: string): ParsedToken {
  if (typeof text !== 'string') return withError(createToken(''), 'token is not a string');
  try {
    return shareEmptyLists(parseAt(text, 0, fingerprint));
  } catch (error) {
    // Not expected for any input; a guarantee for callers that loop over hostile traffic.
    const name = error instanceof Error ? error.name : 'error';
    return withError(createToken(text.trim()), `internal parser error (${name})`);
  }
}
