import { findTokens } from '../token/find-tokens';
import type { Where } from '../types';
import { decodeBase64 } from './base64';
import type { EntryScan } from './entry-scan';
import { isRecord, normalizePairs, stringAt } from './guards';
import { looksLikeJson, nearestJsonKey, tryParseJson, walkJson } from './json-walk';
import { keyDocumentOf } from './key-documents';
import { createObservation, isPasswordName, maskSecret, mayContainPassword } from './observations';
import { isTokenFieldName, isTokenParameterEndpoint, mayNameToken } from './opaque-tokens';
import { ownString } from './sighting-sink';
import { decodeComponent, parseParams, parseUrlParts } from './url-parts';

/** Bodies are scanned up to this many characters; the rest is reported, not read. */
export const MAX_BODY_CHARS = 8 * 1024 * 1024;
/**
 * JSON bodies up to this size are parsed again to name tokens by JSONPath. Bigger ones are only searched
 * as text (the member name before each token is still recovered): parsing every large body twice would
 * cost more than the whole HAR's own JSON.parse.
 */
export const MAX_JSON_PARSE = 1024 * 1024;

/** JWKS and discovery documents are a few KB; bigger JSON is not searched for them. */
const MAX_KEY_DOCUMENT = 256 * 1024;
const KEY_MEMBER = /"(?:keys|jwks_uri)"/;

/**
 * What any of `scanBodyText`'s reasons to read a body other than a request body needs in its text: a
 * token (`eyJ`), a key document's member (`KEY_MEMBER`), a member named like a token (`mayNameToken`
 * needs `oken` or `OKEN`). A request body may also hold a password field. Nearly every body has none:
 * one search turns it away, where the four tests below each read it whole.
 */
const MAY_MATTER = new RegExp(`eyJ|oken|OKEN|${KEY_MEMBER.source}`);

/** Binary media cannot hold a compact token worth reporting; decoding them would only cost time. */
const BINARY_MIME = /^(?:image|audio|video|font)\//i;
const UTF8 = new TextDecoder();
const MIB = 1024 * 1024;

/**
 * The request body: `request.postData` with form parameters (`params[]` or urlencoded text), JSON (by path)
 * or plain text, base64 when its `encoding` says so (HAR 1.3 draft). Form fields named like a token
 * (`refresh_token=` of a refresh grant, RFC 6749 §6) and the `token` of a revocation or introspection
 * request (RFC 7009, RFC 7662) are taken as opaque tokens when not JWTs. Without `postData`, HTTP Toolkit's
 * private `_content` (a body that is not UTF-8, kept as base64) is searched as text.
 */
export function scanRequestBody(scan: EntryScan, request: Record<string, unknown>): void {
  const postData = request.postData;
  if (!isRecord(postData)) {
    if (isRecord(request._content)) scanContent(scan, 'request-body', request._content, 'request body');
    return;
  }
  const mime = (stringAt(postData, 'mimeType') ?? '').toLowerCase();
  const params = normalizePairs(postData.params);
  const text = bodyText(scan, postData, 'request body') ?? '';
  if (params.length === 0 && !mime.includes('x-www-form-urlencoded')) {
    scanBodyText(scan, 'request-body', text);
    return;
  }
  const pairs =
    params.length > 0
      ? params.map((p) => ({ name: decodeComponent(p.name), value: decodeComponent(p.value) }))
      : parseParams(text);
  const tokenParameter = pairs.some((p) => p.name === 'token') && isTokenParameterRequest(scan, pairs);
  for (const pair of pairs) {
    scan.sink.add('request-body', pair.name, pair.value);
    if (isTokenFieldName(pair.name) || (tokenParameter && pair.name === 'token'))
      scan.sink.addOpaque('request-body', pair.name, pair.value);
    if (pair.value && isPasswordName(pair.name)) {
      scan.observations.push(
        createObservation(scan.context, 'password-in-body', pair.name, maskSecret(pair.value)),
      );
    }
  }
}

/** True when this form's `token` parameter is the token of a revocation or introspection request. */
function isTokenParameterRequest(scan: EntryScan, pairs: readonly { name: string }[]): boolean {
  const names = pairs.map((p) => p.name);
  return isTokenParameterEndpoint(parseUrlParts(scan.context.url).path, names);
}

/** `response.content`: text, or base64 when `encoding` says so; JWKS and discovery documents are kept. */
export function scanResponseBody(scan: EntryScan, content: unknown): void {
  if (isRecord(content)) scanContent(scan, 'response-body', content, 'response body');
}

function scanContent(scan: EntryScan, where: Where, content: Record<string, unknown>, what: string): void {
  const text = bodyText(scan, content, what);
  if (text) scanBodyText(scan, where, text);
}

/**
 * The text of a HAR body record (`content`, `postData`): `text` as it is, or decoded when `encoding` is
 * `base64` (binary media are not decoded), cut at `MAX_BODY_CHARS` with a problem line. `null` when
 * there is nothing to scan.
 */
function bodyText(scan: EntryScan, body: Record<string, unknown>, what: string): string | null {
  const raw = stringAt(body, 'text');
  if (!raw) return null;
  if (stringAt(body, 'encoding') !== 'base64') return capText(scan, raw, what);
  if (BINARY_MIME.test(stringAt(body, 'mimeType') ?? '')) return null;
  const limit = Math.floor(MAX_BODY_CHARS / 3) * 4;
  if (raw.length > limit) scan.problems.push(capProblem(what, (raw.length / 4) * 3));
  const text = base64Text(raw.length > limit ? raw.slice(0, limit) : raw);
  if (text === null) scan.problems.push(`${what} is marked base64 but is not valid base64; not scanned`);
  return text;
}

/** Base64 (as HAR writers record binary data) decoded to UTF-8 text, or `null` when it is not base64. */
export function base64Text(raw: string): string | null {
  const bytes = decodeBase64(raw);
  return bytes ? UTF8.decode(bytes) : null;
}

export function capText(scan: EntryScan, text: string, what: string): string {
  if (text.length <= MAX_BODY_CHARS) return text;
  scan.problems.push(capProblem(what, text.length));
  return text.slice(0, MAX_BODY_CHARS);
}

function capProblem(what: string, size: number): string {
  return `${what} is ${(size / MIB).toFixed(1)} MiB; only the first ${MAX_BODY_CHARS / MIB} MiB was scanned`;
}

/**
 * One body's text. JSON is parsed only when it can matter (a token, key material, a password field, or a
 * member named like a token: `access_token`, `refreshToken`, whose value may be an opaque token) and is
 * small enough; everything else with an `eyJ` is searched as text. `label` names a part of the exchange
 * other than the HTTP body (`WebSocket sent`): sightings are then named `label: $.path`.
 */
export function scanBodyText(scan: EntryScan, where: Where, text: string, label?: string): void {
  if (where !== 'request-body' && !MAY_MATTER.test(text)) return;
  const hasToken = text.indexOf('eyJ') >= 0;
  const jsonLike = text.length <= MAX_JSON_PARSE && looksLikeJson(text);
  const mayBeKeys =
    where === 'response-body' && jsonLike && text.length <= MAX_KEY_DOCUMENT && KEY_MEMBER.test(text);
  const mayHavePassword = where === 'request-body' && jsonLike && mayContainPassword(text);
  const mayBeOpaque = jsonLike && mayNameToken(text);
  if (!hasToken && !mayBeKeys && !mayHavePassword && !mayBeOpaque) return;
  const json = jsonLike ? tryParseJson(text) : undefined;
  if (where === 'response-body' && label === undefined && json !== undefined)
    scan.responseJson = { text, json };
  if (json === undefined) {
    if (hasToken) scanLooseText(scan, where, text, label);
    return;
  }
  if (mayBeKeys) {
    const document = keyDocumentOf(json, scan.context.url, scan.context.requestId);
    if (document) scan.keyDocuments.push(document);
  }
  walkJson(json, (path, key, value) => {
    const name = label ? `${label}: ${path}` : path;
    if (hasToken) scan.sink.add(where, name, value);
    if (mayBeOpaque && isTokenFieldName(key)) scan.sink.addOpaque(where, name, value);
    if (mayHavePassword && value && isPasswordName(key)) {
      scan.observations.push(createObservation(scan.context, 'password-in-body', name, maskSecret(value)));
    }
  });
}

function scanLooseText(scan: EntryScan, where: Where, text: string, label: string | undefined): void {
  const json = looksLikeJson(text);
  for (const found of findTokens(text)) {
    const key = json ? nearestJsonKey(text, found.index) : undefined;
    const name = label ? `${label}: ${key ?? 'message'}` : (key ?? 'body');
    // The token must not keep the body alive for as long as the capture (see `ownString`).
    scan.sink.addToken(where, name, ownString(found.text, text));
  }
}
