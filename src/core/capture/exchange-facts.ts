import { builtFacts } from '../lifecycle/facts-guard';
import type { ExchangeFacts, ExchangeKind } from '../lifecycle/types';
import type { EntryParts, EntryScan } from './entry-scan';
import {
  authorizationParams,
  authorizationResponse,
  discoveryEndpoints,
  fieldOf,
  tokenResponseFacts,
} from './exchange-params';
import { headerValue, isRecord, type NameValue, normalizePairs, stringAt } from './guards';
import { lastMemberName, looksLikeJson, tryParseJson } from './json-walk';
import { INTROSPECTION_PATH, REVOCATION_PATH } from './oauth-endpoints';
import { tokenFieldRole } from './opaque-tokens';
import { decodeComponent, parseParams, parseUrlParts } from './url-parts';

/** OIDC RP-initiated logout and the logout paths providers and apps use (`/logout`, `/session/end`…). */
const LOGOUT_PATH = /\/(?:log-?out|sign-?out|end[-_]?session|session\/end)(?=[/?#;.]|$)/i;
/** OpenID Connect Discovery §4 and RFC 8414 §3 metadata documents. */
const DISCOVERY_PATH = /\/\.well-known\/(?:openid-configuration|oauth-authorization-server)(?:\/|$)/;
/** Request bodies longer than this are not parsed for lifecycle fields (token requests are tiny). */
const MAX_FIELDS_BODY = 64 * 1024;

/**
 * The lifecycle facts of one entry (issue 13), or `undefined` for an entry that carried or issued no token
 * and is no authorization, token, logout, revocation, discovery or callback exchange. Runs on every
 * request of the page: a handful of `indexOf` calls turn nearly every entry away before anything is parsed.
 */
export function exchangeFactsOf(parts: EntryParts, scan: EntryScan): ExchangeFacts | undefined {
  const body = bodyText(parts.request);
  if (!mayMatter(parts, body)) return scan.sink.sightings.length > 0 ? useFacts(parts, scan) : undefined;
  const fields = requestFields(parts.request, body);
  const query = queryFields(parts.url);
  const path = parseUrlParts(parts.url).path;
  const facts = baseFacts(parts, scan);
  const grantType = fieldOf(fields, 'grant_type') ?? fieldOf(query, 'grant_type');
  if (grantType !== undefined) facts.grantType = grantType;
  const kind = kindOf(parts, scan, { fields, query, path, grantType });
  if (kind === undefined) return undefined;
  facts.kind = kind;
  addKindFacts(facts, parts, scan, { fields, query, path, grantType });
  return facts;
}

/**
 * The facts of an entry that carried or issued a token and is no other lifecycle exchange (most of them):
 * a use, or a response that issued token-named members without a `grant_type` (a JSON login).
 */
function useFacts(parts: EntryParts, scan: EntryScan): ExchangeFacts {
  const facts = baseFacts(parts, scan);
  if (issuesTokenFields(scan)) {
    facts.kind = 'token';
    Object.assign(facts, tokenResponseFacts(parts.response, scan.responseJson));
  }
  return facts;
}

/** What the kind and its facts are read from. */
interface Request {
  fields: readonly NameValue[];
  query: readonly NameValue[];
  path: string;
  grantType: string | undefined;
}

/** Cheap test on every entry: could it be a lifecycle exchange other than a plain use (authorize, token…)? */
function mayMatter(parts: EntryParts, body: string): boolean {
  const url = parts.url;
  return (
    url.indexOf('response_type=') >= 0 ||
    url.indexOf('grant_type') >= 0 ||
    body.indexOf('grant_type') >= 0 ||
    url.indexOf('id_token_hint') >= 0 ||
    url.indexOf('post_logout_redirect_uri') >= 0 ||
    LOGOUT_PATH.test(url) ||
    REVOCATION_PATH.test(url) ||
    body.indexOf('token_type_hint') >= 0 ||
    url.indexOf('/.well-known/o') >= 0 ||
    url.indexOf('code=') >= 0 ||
    body.indexOf('code=') >= 0 ||
    (locationOf(parts)?.indexOf('code=') ?? -1) >= 0
  );
}

function kindOf(parts: EntryParts, scan: EntryScan, request: Request): ExchangeKind | undefined {
  const { fields, query, path } = request;
  if (DISCOVERY_PATH.test(path)) return 'discovery';
  if (isRevocation(path, fields, query)) return 'revocation';
  if (request.grantType !== undefined) return 'token';
  if (fieldOf(query, 'response_type') !== undefined && fieldOf(query, 'client_id') !== undefined)
    return 'authorize';
  if (isLogout(path, query)) return 'logout';
  if (issuesTokenFields(scan)) return 'token';
  if (codeResponse(parts, fields, query)) return 'callback';
  return scan.sink.sightings.length > 0 ? 'use' : undefined;
}

/** RFC 7009 §2.1: `token` sent to a revocation endpoint, or with `token_type_hint` (not to introspection). */
function isRevocation(path: string, fields: readonly NameValue[], query: readonly NameValue[]): boolean {
  if (INTROSPECTION_PATH.test(path)) return false;
  const token = fieldOf(fields, 'token') ?? fieldOf(query, 'token');
  if (token === undefined) return false;
  return REVOCATION_PATH.test(path) || fieldOf(fields, 'token_type_hint') !== undefined;
}

/** RP-initiated logout (`id_token_hint`, `post_logout_redirect_uri`) or a logout path. */
function isLogout(path: string, query: readonly NameValue[]): boolean {
  return (
    fieldOf(query, 'id_token_hint') !== undefined ||
    fieldOf(query, 'post_logout_redirect_uri') !== undefined ||
    LOGOUT_PATH.test(path)
  );
}

/** A response that issued a token in a token-named JSON member (`access_token`, `id_token`…). */
function issuesTokenFields(scan: EntryScan): boolean {
  for (const s of scan.sink.sightings)
    if (s.where === 'response-body' && tokenFieldRole(lastMemberName(s.name))) return true;
  return false;
}

/** True when the entry carries an authorization response (code with state or issuer). */
function codeResponse(parts: EntryParts, fields: readonly NameValue[], query: readonly NameValue[]): boolean {
  return (
    authorizationResponse(locationOf(parts), false) !== undefined ||
    authorizationResponse(query, false) !== undefined ||
    (parts.request.method === 'POST' && authorizationResponse(fields, false) !== undefined)
  );
}

function baseFacts(parts: EntryParts, scan: EntryScan): ExchangeFacts {
  const { context } = scan;
  const facts: ExchangeFacts = builtFacts({
    requestId: context.requestId,
    kind: 'use',
    method: context.method,
    url: context.url,
    status: context.status,
    startedAt: context.startedAt,
  });
  const time = parts.entry.time;
  if (typeof time === 'number' && Number.isFinite(time) && time >= 0) facts.durationMs = time;
  const challenge = joinedHeader(parts.responseHeaders, 'www-authenticate');
  if (challenge !== undefined) facts.wwwAuthenticate = challenge;
  const location = locationOf(parts);
  if (location !== undefined) facts.location = location;
  if (isFromCache(parts.entry, context.status)) facts.fromCache = true;
  if (context.method === 'OPTIONS' && headerValue(parts.requestHeaders, 'access-control-request-method'))
    facts.preflight = true;
  return facts;
}

function addKindFacts(facts: ExchangeFacts, parts: EntryParts, scan: EntryScan, request: Request): void {
  const { fields, query } = request;
  if (facts.kind === 'token') {
    Object.assign(facts, tokenResponseFacts(parts.response, scan.responseJson));
    const code = fieldOf(fields, 'code');
    if (code && request.grantType === 'authorization_code') facts.code = code;
    return;
  }
  if (facts.kind === 'discovery') {
    const endpoints = discoveryEndpoints(parts.response, scan.responseJson);
    if (endpoints) facts.endpoints = endpoints;
    return;
  }
  if (facts.kind === 'authorize') facts.authorization = authorizationParams(query);
  const response =
    authorizationResponse(facts.location, facts.kind === 'authorize') ??
    authorizationResponse(query, false) ??
    (parts.request.method === 'POST' ? authorizationResponse(fields, false) : undefined);
  if (!response) return;
  facts.code = response.code;
  if (response.state !== undefined) facts.returnedState = response.state;
}

/** `Location` of a 3xx answer: the header, or HAR `redirectURL` when the headers were sanitized. */
function locationOf(parts: EntryParts): string | undefined {
  const status = typeof parts.response.status === 'number' ? parts.response.status : 0;
  if (status < 300 || status >= 400) return undefined;
  const location = headerValue(parts.responseHeaders, 'location') ?? stringAt(parts.response, 'redirectURL');
  return location ? location : undefined;
}

/** Safari's `_fetchType` values (WebKit `HARBuilder.js`) for an answer no server gave. */
const CACHE_FETCH_TYPES: ReadonlySet<unknown> = new Set(['Memory Cache', 'Disk Cache']);

/**
 * HAR `_fromCache` (Chrome: `memory`, `disk`), Safari's `_fetchType` (`Memory Cache`, `Disk Cache`), a
 * `cache.afterRequest` entry (Firefox writes one only for a response it took from its cache; Playwright's
 * `afterRequest: null` says nothing) or a 304: the origin server did not judge the request.
 */
function isFromCache(entry: Record<string, unknown>, status: number): boolean {
  const cached = entry._fromCache;
  if (status === 304 || (typeof cached === 'string' && cached !== '') || cached === true) return true;
  return (
    CACHE_FETCH_TYPES.has(entry._fetchType) || (isRecord(entry.cache) && isRecord(entry.cache.afterRequest))
  );
}

/**
 * Every header called `name`, joined with `, ` (RFC 9110 §5.3), or `undefined` when none was sent. Firefox
 * records repeated `WWW-Authenticate` lines as one value joined by newlines (its nsHttpHeaderArray does so
 * because commas occur inside challenges): those become `, ` too, which is how challenges are listed.
 */
function joinedHeader(headers: readonly NameValue[], lowerName: string): string | undefined {
  let out: string | undefined;
  for (const h of headers) {
    if (h.name.length !== lowerName.length || h.name.toLowerCase() !== lowerName) continue;
    const value = h.value.indexOf('\n') < 0 ? h.value : h.value.split('\n').join(', ');
    out = out === undefined ? value : `${out}, ${value}`;
  }
  return out;
}

/**
 * `request.postData.text`, `''` when absent; for a form recorded only as `params[]`, its parameter names
 * (`grant_type=&code=`), so the quick test in `mayMatter` sees them too.
 */
function bodyText(request: Record<string, unknown>): string {
  const postData = request.postData;
  if (!isRecord(postData)) return '';
  const text = stringAt(postData, 'text') ?? '';
  if (text || !Array.isArray(postData.params) || postData.params.length === 0) return text;
  return normalizePairs(postData.params)
    .map((p) => `${p.name}=`)
    .join('&');
}

/**
 * The request's form fields (`params[]` or urlencoded text), or the string members of a JSON body
 * (Supabase and others send `{"refresh_token": …}`); empty for anything else.
 */
function requestFields(request: Record<string, unknown>, text: string): readonly NameValue[] {
  const postData = request.postData;
  if (!isRecord(postData) || text.length > MAX_FIELDS_BODY) return [];
  const params = normalizePairs(postData.params);
  if (params.length > 0)
    return params.map((p) => ({ name: decodeComponent(p.name), value: decodeComponent(p.value) }));
  if (looksLikeJson(text)) return jsonFields(tryParseJson(text));
  const mime = (stringAt(postData, 'mimeType') ?? '').toLowerCase();
  return mime.includes('x-www-form-urlencoded') || /^[\w.%+-]+=/.test(text) ? parseParams(text) : [];
}

function jsonFields(json: unknown): NameValue[] {
  if (!isRecord(json)) return [];
  const out: NameValue[] = [];
  for (const [name, value] of Object.entries(json)) if (typeof value === 'string') out.push({ name, value });
  return out;
}

function queryFields(url: string): readonly NameValue[] {
  if (url.indexOf('?') < 0) return [];
  const query = parseUrlParts(url).query;
  return query ? parseParams(query) : [];
}
