import { findTokens } from '../token/find-tokens';
import type { CookieAttributes } from '../types';
import { harCookieAttributes, harRequestCookieAttributes, parseCookieHeader } from './cookies';
import type { EntryScan } from './entry-scan';
import { canonicalHeaderName } from './entry-scan';
import { isRecord, type NameValue, stringAt } from './guards';
import {
  createObservation,
  isPasswordName,
  maskBasicAuth,
  maskSecret,
  mayContainPassword,
} from './observations';
import { authorizationCredential, isTokenFieldName, mayNameToken } from './opaque-tokens';
import { decodeComponent, decodePercent, parseParams, parseUrlParts } from './url-parts';

/**
 * Every request header: `Authorization` whatever its scheme (Bearer, JWT, DPoP, custom), `DPoP`,
 * `X-Auth-Token`… and `Referer`, whose URL may carry a token from the previous page. `Cookie` is split
 * into cookies. HTTP Basic credentials become an observation. A Bearer or DPoP credential that is not a
 * JWT, and a cookie named like a token (`refresh_token=`), are taken as opaque tokens.
 */
export function scanRequestHeaders(scan: EntryScan, headers: readonly NameValue[]): void {
  for (const header of headers) {
    const { name, value } = header;
    const hasToken = value.indexOf('eyJ') >= 0;
    // Lower-casing every header name of a large HAR shows up in profiles: only names that matter pay for it.
    const lower =
      hasToken || name.length === 6 || name.length === 7 || name.length >= 13 ? name.toLowerCase() : '';
    if (lower === 'cookie') {
      if (hasToken || mayNameToken(value))
        for (const pair of parseCookieHeader(value)) addCookie(scan, 'request-cookie', pair.name, pair.value);
      continue;
    }
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const masked = maskBasicAuth(value);
      if (masked !== undefined) {
        scan.observations.push(
          createObservation(scan.context, 'basic-auth', canonicalHeaderName(lower), masked),
        );
      }
    }
    if (lower === 'authorization') {
      const credential = authorizationCredential(value);
      if (credential !== undefined) scan.sink.addOpaque('request-header', 'Authorization', credential);
    } else if (lower === 'referer') addUrlParameterTokens(scan, 'request-header', 'Referer', value);
    if (hasToken) scan.sink.add('request-header', canonicalHeaderName(lower), value);
  }
}

/**
 * A HAR cookie list (`request.cookies[]` or `response.cookies[]`), with the flags some recorders (Chrome)
 * write on them. Scanned after the headers: a cookie already seen there (`Cookie`, or `Set-Cookie` whose
 * parsed attributes win) only gains the flags, without being searched again. The list still matters
 * because some exports drop the cookie headers and keep only it.
 */
export function scanHarCookies(
  scan: EntryScan,
  cookies: unknown,
  where: 'request-cookie' | 'set-cookie',
): void {
  if (!Array.isArray(cookies)) return;
  for (const cookie of cookies) {
    if (!isRecord(cookie)) continue;
    const name = stringAt(cookie, 'name');
    const value = stringAt(cookie, 'value');
    if (name === undefined || value === undefined) continue;
    if (value.indexOf('eyJ') < 0 && !isTokenFieldName(name)) continue;
    const flags = where === 'set-cookie' ? harCookieAttributes(cookie) : harRequestCookieAttributes(cookie);
    if (!scan.sink.attachCookie(where, name, value, flags)) addCookie(scan, where, name, value, flags);
  }
}

/**
 * One cookie: any JWT in its value, or the value as an opaque token when the cookie's name says it holds
 * one (`access_token`, `sb-refresh-token`). Other cookies (`session`, `sid`) are not taken for tokens.
 */
export function addCookie(
  scan: EntryScan,
  where: 'request-cookie' | 'set-cookie',
  name: string,
  value: string,
  flags?: CookieAttributes,
): void {
  scan.sink.add(where, name, value, flags);
  if (!isTokenFieldName(name)) return;
  // RFC 6265 §4.1.1 lets a cookie value sit in double quotes, which are not part of it.
  const quoted = value.length > 2 && value.charCodeAt(0) === 0x22 && value.endsWith('"');
  scan.sink.addOpaque(where, name, quoted ? value.slice(1, -1) : value, flags);
}

/**
 * Opaque tokens in the token-named query or fragment parameters of a URL that travels in a header: the
 * `Referer` that copies a page URL to the next site, the redirect `Location` of the implicit flow
 * (`#access_token=…`, RFC 6749 §4.2.2). The sighting is named by the header, as for JWTs there.
 */
export function addUrlParameterTokens(
  scan: EntryScan,
  where: 'request-header' | 'response-header',
  header: string,
  url: string,
): void {
  if (!mayNameToken(url)) return;
  const parts = parseUrlParts(url);
  for (const text of [parts.query, parts.fragment ?? '']) {
    if (!text.includes('=')) continue;
    for (const param of parseParams(text))
      if (isTokenFieldName(param.name)) scan.sink.addOpaque(where, header, param.value);
  }
}

/**
 * The request URL: query parameters and fragment (decoded first), path segments, and userinfo/query
 * passwords. A path token is named by the path with the token replaced: `/reset/{token}`.
 */
export function scanUrl(scan: EntryScan, url: string): void {
  const hasToken = url.indexOf('eyJ') >= 0;
  const named = mayNameToken(url);
  // Most URLs hold neither a token, a password-like name nor userinfo: skip splitting them.
  if (!hasToken && !named && url.indexOf('@') < 0 && !mayContainPassword(url)) return;
  const parts = parseUrlParts(url);
  const query = parts.query ? parseParams(parts.query) : [];
  for (const param of query) {
    if (hasToken) scan.sink.add('query', param.name, param.value);
    if (named && isTokenFieldName(param.name)) scan.sink.addOpaque('query', param.name, param.value);
    if (param.value && isPasswordName(param.name)) {
      scan.observations.push(
        createObservation(scan.context, 'password-in-url', param.name, maskSecret(param.value)),
      );
    }
  }
  const colon = parts.userinfo.indexOf(':');
  if (colon >= 0 && colon < parts.userinfo.length - 1) {
    const password = decodeComponent(parts.userinfo.slice(colon + 1));
    scan.observations.push(
      createObservation(scan.context, 'password-in-url', 'userinfo', maskSecret(password)),
    );
  }
  if (hasToken || named) scanFragment(scan, parts.fragment, named);
  if (hasToken && parts.path.indexOf('eyJ') >= 0) scanPath(scan, parts.path);
}

/** The fragment: `#<token>`, or parameters (`#access_token=…&id_token=…` of the implicit flow). */
function scanFragment(scan: EntryScan, fragment: string | undefined, named: boolean): void {
  if (!fragment) return;
  const hasToken = fragment.indexOf('eyJ') >= 0;
  if (!hasToken && !named) return;
  if (!fragment.includes('=')) {
    if (hasToken) scan.sink.add('fragment', '#', decodeComponent(fragment));
    return;
  }
  for (const param of parseParams(fragment)) {
    scan.sink.add('fragment', param.name, param.value);
    if (named && isTokenFieldName(param.name)) scan.sink.addOpaque('fragment', param.name, param.value);
  }
}

function scanPath(scan: EntryScan, path: string): void {
  const decoded = decodePercent(path);
  const tokens = findTokens(decoded).map((found) => found.text);
  if (tokens.length === 0) return;
  // The name is the path with every token replaced, so the endpoint stays readable and no token is copied.
  let template = decoded;
  for (const token of tokens) template = template.split(token).join('{token}');
  for (const token of tokens) scan.sink.addToken('path', template, token);
}
