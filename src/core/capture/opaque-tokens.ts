import { claimNameWords } from '../rules/pii/claim-name';
import { findTokens, isJoseHeaderSegment } from '../token/find-tokens';
import { looksLikeJson, tryParseJson, walkJson } from './json-walk';
import { INTROSPECTION_PATH, REVOCATION_PATH } from './oauth-endpoints';

/**
 * What capture takes for an opaque OAuth token. A reference token has no structure to recognise, so only
 * a place that names a token (an `access_token` field, a Bearer credential…) makes a value one, and the
 * value must still look like a machine-made credential: random strings pass, placeholders and words do not.
 */

/**
 * Shortest value taken. ASVS 7.2.3 asks 128 bits of entropy of reference tokens (22 base64url or 32 hex
 * characters) and NIST SP 800-63B-4 §5.1 at least 64 for session secrets; 16 characters of base64url is
 * 96 bits, below which a value in a token field is far likelier an id, a flag or a word than a credential.
 */
export const MIN_OPAQUE_CHARS = 16;
/**
 * Longest value taken. Browsers cap a cookie at 4096 bytes (RFC 6265 §6.1) and real opaque tokens stay
 * well under it (Google access tokens, among the longest, run to about 2 KB).
 */
export const MAX_OPAQUE_CHARS = 4096;
/** `xxxxxxxxxxxxxxxx`, `0000…`, `********`: a random 16-character token has about 14 distinct characters. */
const MIN_DISTINCT_CHARS = 6;

/**
 * Characters of a token: RFC 6750 §2.1 b64token (`ALPHA DIGIT - . _ ~ + /`, then `=` padding at the end),
 * plus `!`, `$` and `*`, which RFC 6749 Appendix A (VSCHAR) allows and real providers use (Salesforce
 * access tokens `00D…!AQ…`, Microsoft account refresh tokens `M.R3_BAY.…!…*…$$`). No whitespace, quotes,
 * brackets, `<>`, `%`, `:`, `@` or `,`: those make prose, markup, JSON, URLs or e-mail addresses.
 */
const BODY_CHARS = (() => {
  const table = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/!$*';
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();
const EQUALS = 0x3d;

/**
 * Words that make a value a placeholder rather than a credential (`YourAccessTokenHere`, `Bearer1undefined`,
 * `Redacted-Value-01`, `example-refresh-1`). All have 5 letters or more: a random 43-character token holds
 * one with a probability of about 1 in 400,000. Shorter words (`null`) are caught by the length and shape.
 */
const PLACEHOLDER = /token|bearer|undefined|example|placeholder|redacted|dummy|changeme/i;

/**
 * True when `value` is plausibly an opaque OAuth token: 16 to 4096 token characters (see `BODY_CHARS`),
 * `=` only as trailing padding, six distinct characters, a letter and either a digit or both letter cases
 * (`not_available_yet`, `UNAUTHORIZED_CLIENT` are words; a random 16-character base64url string lacks
 * both with a probability of about 1 in 270,000), no placeholder word, and not a JWT (those keep the JWT
 * path: `findTokens` finds them, and anything shaped `eyJ….…` is left to it).
 */
export function isOpaqueTokenText(value: string): boolean {
  const n = value.length;
  // JWTs first: most values in token places are JWTs, and the shape test would read them whole.
  if (n < MIN_OPAQUE_CHARS || n > MAX_OPAQUE_CHARS || looksLikeJwt(value)) return false;
  return hasTokenShape(value) && !PLACEHOLDER.test(value);
}

/** Token characters only, `=` only at the end, enough distinct characters, not letters of one case alone. */
function hasTokenShape(value: string): boolean {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === EQUALS) end--;
  let distinct = 0;
  const seen = new Uint8Array(128);
  for (let i = 0; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || BODY_CHARS[code] !== 1) return false;
    if (seen[code] === 0) {
      seen[code] = 1;
      distinct++;
    }
  }
  if (distinct < MIN_DISTINCT_CHARS) return false;
  const upper = someIn(seen, 0x41, 0x5a);
  const lower = someIn(seen, 0x61, 0x7a);
  return (upper || lower) && (someIn(seen, 0x30, 0x39) || (upper && lower));
}

/** True when some character code in `from…to` was seen. */
function someIn(seen: Uint8Array, from: number, to: number): boolean {
  for (let code = from; code <= to; code++) if (seen[code] === 1) return true;
  return false;
}

/**
 * A JWT, or a damaged one (`eyJ` then a dot, or a lone JOSE header cut at its first dot): the JWT path
 * judges those, never this one. Base64 of other JSON (`eyJ0b2tlbiI6…`, no dot) may be an opaque token.
 */
function looksLikeJwt(value: string): boolean {
  const at = value.indexOf('eyJ');
  if (at < 0) return false;
  if (at === 0 && (value.includes('.') || isJoseHeaderSegment(value))) return true;
  return findTokens(value).length > 0;
}

const TOKEN_NAME_IN_TEXT = /(?:access|refresh|id)[-_.]?token/i;

/**
 * Quick test on a body, URL or cookie header before looking for token-named places in it: two `indexOf`
 * calls turn nearly every text away, and the regular expression (about 0.3 ms per MiB) sees the rest.
 */
export function mayNameToken(text: string): boolean {
  return (text.indexOf('oken') >= 0 || text.indexOf('OKEN') >= 0) && TOKEN_NAME_IN_TEXT.test(text);
}

const JOINED_NAMES: ReadonlyMap<string, TokenFieldRole> = new Map([
  ['accesstoken', 'access'],
  ['refreshtoken', 'refresh'],
  ['idtoken', 'id'],
]);

/** What a token-named field holds: an access, refresh or ID token. */
export type TokenFieldRole = 'access' | 'refresh' | 'id';

/**
 * True when a field, parameter or cookie name names an OAuth token: its last words are access, refresh or
 * id then token, in any spelling (`access_token`, `refreshToken`, `IdToken`, `sb-refresh-token`,
 * `__Host-access_token`, `accesstoken`). `csrf_token`, `valid_token`, `token_type` or `id_token_hint` do
 * not count.
 */
export function isTokenFieldName(name: string): boolean {
  return tokenFieldRole(name) !== undefined;
}

/** Which token a token-named field holds (see `isTokenFieldName`), or `undefined` for any other name. */
export function tokenFieldRole(name: string): TokenFieldRole | undefined {
  const n = name.length;
  // The last letter first: this runs on every cookie of a HAR.
  if (n < 7 || n > 128 || (name.charCodeAt(n - 1) | 0x20) !== 0x6e) return undefined;
  const words = claimNameWords(name);
  const last = words[words.length - 1] ?? '';
  if (last !== 'token') return JOINED_NAMES.get(last);
  const word = words[words.length - 2];
  return word === 'access' || word === 'refresh' || word === 'id' ? word : undefined;
}

/**
 * The credential of `Authorization: Bearer <token>` (RFC 6750 §2.1) or `DPoP <token>` (RFC 9449 §7.1):
 * what `/^[ \t]*(?:bearer|dpop)[ \t]+([^ \t]+)[ \t]*$/i` captures, read without it (this runs on the
 * `Authorization` header of nearly every request, where the expression took 2 us a value).
 */
export function authorizationCredential(value: string): string | undefined {
  const n = value.length;
  const afterScheme = skipBlanks(value, 0) + schemeLength(value, skipBlanks(value, 0));
  const from = skipBlanks(value, afterScheme);
  if (from === afterScheme || from === n) return undefined;
  const end = Math.min(indexOrEnd(value, ' ', from), indexOrEnd(value, '\t', from));
  return skipBlanks(value, end) === n ? value.slice(from, end) : undefined;
}

/** `bearer` or `dpop` (any case) at `at`: its length, else 0. */
function schemeLength(value: string, at: number): number {
  if (startsWithWord(value, at, 'bearer')) return 6;
  return startsWithWord(value, at, 'dpop') ? 4 : 0;
}

/** `word` (lower-case ASCII letters) at `at`, in any case: `| 0x20` lower-cases an ASCII letter only. */
function startsWithWord(value: string, at: number, word: string): boolean {
  if (value.length < at + word.length) return false;
  for (let k = 0; k < word.length; k++)
    if ((value.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** The index of the first character from `from` that is not a space or a tab. */
function skipBlanks(value: string, from: number): number {
  let i = from;
  while (i < value.length && (value.charCodeAt(i) === 0x20 || value.charCodeAt(i) === 0x09)) i++;
  return i;
}

function indexOrEnd(value: string, char: string, from: number): number {
  const at = value.indexOf(char, from);
  return at < 0 ? value.length : at;
}

/**
 * True when a form body's `token` parameter is an OAuth token: the request went to a revocation or
 * introspection endpoint, or the body carries `token_type_hint` (RFC 7009 §2.1, RFC 7662 §2.1). Elsewhere
 * `token` names anything (CAPTCHA answers, CSRF values, push-notification ids).
 */
export function isTokenParameterEndpoint(path: string, names: readonly string[]): boolean {
  return REVOCATION_PATH.test(path) || INTROSPECTION_PATH.test(path) || names.includes('token_type_hint');
}

/** Stored values longer than this are not parsed as JSON for token members (token stores are small). */
const MAX_STORED_JSON = 256 * 1024;

/**
 * Opaque tokens in one named value outside HTTP (a web storage item): the value itself when the name says
 * it is a token (`localStorage["refresh_token"]`), or the token-named members of a JSON value
 * (`{"refresh_token": …}`, as SDKs store sessions). Same credential test as capture; never throws.
 */
export function opaqueTokensNamedIn(name: string, value: string): string[] {
  if (isTokenFieldName(name)) {
    // Storage hooks often keep `JSON.stringify(token)`: the quotes are not part of the token.
    const quoted = value.length > 2 && value.startsWith('"') && value.endsWith('"');
    const text = quoted ? tryParseJson(value) : value;
    return typeof text === 'string' && isOpaqueTokenText(text) ? [text] : [];
  }
  if (value.length > MAX_STORED_JSON || !looksLikeJson(value) || !mayNameToken(value)) return [];
  const found: string[] = [];
  walkJson(tryParseJson(value), (_path, key, text) => {
    if (isTokenFieldName(key) && isOpaqueTokenText(text) && !found.includes(text)) found.push(text);
  });
  return found;
}
