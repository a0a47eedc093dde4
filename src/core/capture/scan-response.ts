import { parseSetCookie, splitSetCookie } from './cookies';
import { canonicalHeaderName, type EntryScan } from './entry-scan';
import { type NameValue, stringAt } from './guards';
import { mayNameToken } from './opaque-tokens';
import { addCookie, addUrlParameterTokens } from './scan-request';

/**
 * Response headers: each `Set-Cookie` with its attributes (some recorders join several in one header),
 * the redirect `Location` and any other header (`X-Access-Token`…). A cookie named like a token
 * (`refresh_token=`), and a token-named parameter of the `Location` URL, are taken as opaque tokens
 * when their value is not a JWT.
 */
export function scanResponseHeaders(scan: EntryScan, headers: readonly NameValue[]): void {
  for (const { name, value } of headers) {
    const hasToken = value.indexOf('eyJ') >= 0;
    if (!hasToken && !mayNameToken(value)) continue;
    const lower = name.toLowerCase();
    if (lower !== 'set-cookie') {
      if (hasToken) scan.sink.add('response-header', canonicalHeaderName(lower), value);
      if (lower === 'location') addUrlParameterTokens(scan, 'response-header', 'Location', value);
      continue;
    }
    for (const line of splitSetCookie(value)) {
      const cookie = parseSetCookie(line);
      if (cookie) addCookie(scan, 'set-cookie', cookie.name, cookie.value, cookie.attributes);
    }
  }
}

/** HAR `response.redirectURL`: the `Location` target, recorded even when the header list is sanitized. */
export function scanRedirectUrl(scan: EntryScan, response: Record<string, unknown>): void {
  const target = stringAt(response, 'redirectURL');
  if (!target) return;
  scan.sink.add('response-header', 'Location', target);
  addUrlParameterTokens(scan, 'response-header', 'Location', target);
}

/** Cache-Control and Pragma of the response, as one string (`''` when neither was sent). */
export function responseCaching(headers: readonly NameValue[]): string {
  const parts: string[] = [];
  for (const header of headers) {
    if (header.name.length !== 13 && header.name.length !== 6) continue;
    const lower = header.name.toLowerCase();
    if (lower === 'cache-control') parts.push(header.value);
    else if (lower === 'pragma') parts.push(`pragma: ${header.value}`);
  }
  return parts.join(', ');
}
