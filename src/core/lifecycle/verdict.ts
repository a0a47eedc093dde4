import { parseUrlOrPath } from '../capture/url-parts';
import type { ExchangeFacts, ServerVerdict } from './types';
import { bearerError } from './www-authenticate';

/**
 * Where a redirect sends a browser that must sign in: a login or sign-in page, or an authorization
 * endpoint (a `response_type` in the query, OIDC Core §3.1.2.1).
 */
const LOGIN_PATH = /\/(?:log-?in|sign-?in|authori[sz]e|authenticate)(?=[/?#;.]|$)/i;

/**
 * What the server did with a request that carried a token (issue 13): accepted (2xx, or a 3xx that is not
 * a redirect to a login or authorization page), rejected (401/403 with the RFC 6750 §3 error of its
 * `WWW-Authenticate`, or a token endpoint's `invalid_grant`), or unknown (no response, a CORS preflight,
 * an answer from a cache, 5xx, anything else). `facts` is the exchange's, when capture recorded it.
 */
export function verdictOf(status: number, facts: ExchangeFacts | undefined): ServerVerdict {
  if (facts?.preflight) return unknown('CORS preflight');
  if (facts?.fromCache || status === 304) return unknown('served from cache');
  if (!Number.isFinite(status) || status <= 0) return unknown('no response');
  if (status >= 200 && status < 300) return acceptedVerdict(status);
  if (status >= 300 && status < 400) return redirectVerdict(status, facts);
  if (facts?.oauthError !== undefined) return grantVerdict(status, facts.oauthError);
  if (status === 401 || status === 403) return rejected(status, facts?.wwwAuthenticate);
  return unknown(`HTTP ${status}`);
}

/**
 * The verdict of a 2xx answer, one per status: nearly every use gets one, and verdicts are read-only
 * data (the model is rebuilt, never edited), so uses with the same status share it.
 */
const ACCEPTED = new Map<number, ServerVerdict>();

function acceptedVerdict(status: number): ServerVerdict {
  let verdict = ACCEPTED.get(status);
  if (!verdict) {
    verdict = { verdict: 'accepted', reason: `HTTP ${status}` };
    // Integral statuses only: at most a few hundred entries, whatever the capture holds.
    if (Number.isInteger(status)) ACCEPTED.set(status, verdict);
  }
  return verdict;
}

function unknown(reason: string): ServerVerdict {
  return { verdict: 'unknown', reason };
}

function redirectVerdict(status: number, facts: ExchangeFacts | undefined): ServerVerdict {
  const location = facts?.location;
  if (location === undefined) return unknown(`HTTP ${status} (no Location recorded)`);
  if (isLoginRedirect(location)) return unknown(`HTTP ${status} to a login page`);
  return acceptedVerdict(status);
}

/** True when a `Location` points at a login, sign-in or authorization page. */
export function isLoginRedirect(location: string): boolean {
  const parts = parseUrlOrPath(location);
  return LOGIN_PATH.test(parts.path) || /(?:^|&)response_type=/.test(parts.query);
}

function rejected(status: number, challenge: string | undefined): ServerVerdict {
  const { error, errorDescription } = bearerError(challenge);
  const verdict: ServerVerdict = {
    verdict: 'rejected',
    reason: error ? `HTTP ${status} ${error}` : `HTTP ${status}`,
  };
  if (error) verdict.error = error;
  if (errorDescription) verdict.errorDescription = errorDescription;
  return verdict;
}

/**
 * A token endpoint's error (RFC 6749 §5.2): `invalid_grant` refuses the grant the request presented (the
 * code or refresh token); any other code (`invalid_client`, `invalid_scope`…) says nothing of the token.
 */
function grantVerdict(status: number, error: string): ServerVerdict {
  const reason = `HTTP ${status} ${error}`;
  return error === 'invalid_grant' ? { verdict: 'rejected', reason, error } : unknown(reason);
}
