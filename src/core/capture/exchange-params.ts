import type { AuthorizationParams, ExchangeFacts } from '../lifecycle/types';
import type { ParsedBody } from './entry-scan';
import { isRecord, type NameValue, stringAt } from './guards';
import { looksLikeJson, tryParseJson } from './json-walk';
import { base64Text } from './scan-body';
import { parseParams, parseUrlOrPath } from './url-parts';

/** Token responses are a few KB; bigger bodies are not parsed again for `expires_in`. */
const MAX_TOKEN_RESPONSE = 64 * 1024;

/** The parameters of an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3). */
export function authorizationParams(query: readonly NameValue[]): AuthorizationParams {
  const out: AuthorizationParams = {};
  const set = (key: keyof AuthorizationParams, name: string) => {
    const value = fieldOf(query, name);
    if (value !== undefined) out[key] = value;
  };
  set('clientId', 'client_id');
  set('responseType', 'response_type');
  set('redirectUri', 'redirect_uri');
  set('scope', 'scope');
  set('state', 'state');
  set('nonce', 'nonce');
  // RFC 7636 §4.3: without code_challenge_method the challenge is "plain".
  if (fieldOf(query, 'code_challenge') !== undefined)
    out.codeChallengeMethod = fieldOf(query, 'code_challenge_method') ?? 'plain';
  return out;
}

/**
 * The `code` and `state` of an authorization response (RFC 6749 §4.1.2): the query or fragment of a
 * redirect `Location` (hybrid flows put it in the fragment), a callback URL's query or a form post.
 * A `code` alone is taken only when `lenient` (the authorization request's own redirect); elsewhere it
 * must come with `state` or `iss` (RFC 9207), or it is likely some other code (`?code=SPRING25`).
 */
export function authorizationResponse(
  source: string | readonly NameValue[] | undefined,
  lenient: boolean,
): { code: string; state?: string } | undefined {
  if (source === undefined) return undefined;
  const params = typeof source === 'string' ? urlParams(source) : source;
  const code = fieldOf(params, 'code');
  if (!code) return undefined;
  const state = fieldOf(params, 'state');
  if (state === undefined && !lenient && fieldOf(params, 'iss') === undefined) return undefined;
  return state === undefined ? { code } : { code, state };
}

/** Query and fragment parameters of a URL, `[]` when it holds no `code=` (most redirects). */
function urlParams(url: string): readonly NameValue[] {
  if (url.indexOf('code=') < 0) return [];
  const parts = parseUrlOrPath(url);
  const out = parts.query ? parseParams(parts.query) : [];
  return parts.fragment ? out.concat(parseParams(parts.fragment)) : out;
}

/** `expires_in` (RFC 6749 §5.1) and `error` (§5.2) of a token endpoint's JSON response. */
export function tokenResponseFacts(
  response: Record<string, unknown>,
  parsed?: ParsedBody,
): Pick<ExchangeFacts, 'expiresIn' | 'oauthError'> {
  const json = responseJson(response, parsed);
  if (!isRecord(json)) return {};
  const out: Pick<ExchangeFacts, 'expiresIn' | 'oauthError'> = {};
  const expiresIn = secondsOf(json.expires_in);
  if (expiresIn !== undefined) out.expiresIn = expiresIn;
  if (typeof json.error === 'string' && json.error) out.oauthError = json.error;
  return out;
}

/** The logout and revocation endpoints a discovery document names (OIDC Discovery §3, RFC 8414 §2). */
export function discoveryEndpoints(
  response: Record<string, unknown>,
  parsed?: ParsedBody,
): { endSession?: string; revocation?: string } | undefined {
  const json = responseJson(response, parsed);
  if (!isRecord(json)) return undefined;
  const out: { endSession?: string; revocation?: string } = {};
  if (typeof json.end_session_endpoint === 'string') out.endSession = json.end_session_endpoint;
  if (typeof json.revocation_endpoint === 'string') out.revocation = json.revocation_endpoint;
  return out.endSession !== undefined || out.revocation !== undefined ? out : undefined;
}

/** A number of seconds, or a string of digits (Azure AD v1 and others send `"3599"`). */
function secondsOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** The response's JSON: the body `parsed` by the scan when it is that text, else parsed here. */
function responseJson(response: Record<string, unknown>, parsed: ParsedBody | undefined): unknown {
  const content = response.content;
  if (!isRecord(content)) return undefined;
  const raw = stringAt(content, 'text');
  if (!raw || raw.length > MAX_TOKEN_RESPONSE) return undefined;
  const text = stringAt(content, 'encoding') === 'base64' ? base64Text(raw) : raw;
  if (!text || !looksLikeJson(text)) return undefined;
  return parsed?.text === text ? parsed.json : tryParseJson(text);
}

/** The first value of the field or parameter `name`, or `undefined`. */
export function fieldOf(fields: readonly NameValue[], name: string): string | undefined {
  for (const field of fields) if (field.name === name) return field.value;
  return undefined;
}
