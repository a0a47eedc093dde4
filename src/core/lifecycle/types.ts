/**
 * The token lifecycle model (issue 13; shared/DESIGN.md "Lifecycle"): what the servers did with each token
 * over the whole capture. Capture records the facts of each exchange that matters to a token's life
 * (`ExchangeFacts`); `buildLifecycle` turns them and the token records into a `LifecycleModel`; lifecycle
 * rules, the panel's Timeline view, the reports and (later) baselines and compliance read that model.
 * Plain data throughout (JSON-safe), so it crosses a worker boundary and lands in a report as it is.
 * Time is always the request's own time (`startedAt`); decisions allow `Policy.clockSkewSeconds`.
 */

import type { RuleIndex } from '../rules/lifecycle/rule-index';
import type { CaptureHit, Policy, TokenRecord } from '../types';

/** What the server did with one request that carried a token. */
export type Verdict = 'accepted' | 'rejected' | 'unknown';

/** The verdict on one use, with the reason a reader is shown. */
export interface ServerVerdict {
  verdict: Verdict;
  /**
   * Why, in a few words: `HTTP 200`, `HTTP 302 to a login page`, `HTTP 401 invalid_token`,
   * `no response`, `CORS preflight`, `served from cache`, `HTTP 503`.
   */
  reason: string;
  /** RFC 6750 §3 `error` of the response's `WWW-Authenticate` challenge (`invalid_token`, `insufficient_scope`…). */
  error?: string;
  /** RFC 6750 §3 `error_description`, when present (server text: shown as text, never as markup). */
  errorDescription?: string;
}

/**
 * What an exchange is, for the token lifecycle. `callback`: an authorization response reaching the client
 * (a callback URL or form post carrying `code` with `state`/`iss`, RFC 6749 §4.1.2, RFC 9207). `use`: any
 * other request that carried or issued a token.
 */
export type ExchangeKind = 'authorize' | 'token' | 'logout' | 'revocation' | 'discovery' | 'callback' | 'use';

/** The parameters of an OAuth authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636). */
export interface AuthorizationParams {
  clientId?: string;
  responseType?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  /** `S256` or `plain`; absent when the request sent no `code_challenge`. */
  codeChallengeMethod?: string;
}

/**
 * The facts of one HAR entry that matter to a token's life, captured beside its sightings. Only entries
 * that carried or issued a token, or that are an authorization, logout, revocation or discovery request,
 * get one. Values are raw in memory (a `code` is needed for `c_hash`); reports mask or drop them.
 */
export interface ExchangeFacts {
  /** The entry's request id, as on its sightings. */
  requestId: string;
  kind: ExchangeKind;
  method: string;
  url: string;
  /** HTTP status; 0 when no response was recorded. */
  status: number;
  /** ISO time the request started; `''` when unknown. */
  startedAt: string;
  /** How long the exchange took, ms (the HAR entry's `time`), when known: when its answer arrived. */
  durationMs?: number;
  /** The `WWW-Authenticate` response header as sent (several are joined with `, `, RFC 9110 §5.3). */
  wwwAuthenticate?: string;
  /** `Location` of a 3xx answer. */
  location?: string;
  /** Served from a cache (HAR `_fromCache`, or a 304): the origin server did not judge the token. */
  fromCache?: boolean;
  /** A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`): carries no credential judgement. */
  preflight?: boolean;
  /** Token endpoint requests: the form's `grant_type` (RFC 6749 §4.1.3, §6, §4.4). */
  grantType?: string;
  /** Token endpoint responses: `expires_in` (RFC 6749 §5.1) when it is a number (or a string of digits). */
  expiresIn?: number;
  /** Token endpoint error responses: the JSON `error` code (RFC 6749 §5.2: `invalid_grant`…). */
  oauthError?: string;
  /** Authorization requests: their parameters. */
  authorization?: AuthorizationParams;
  /** An authorization code seen in this exchange (a redirect's `Location`, or the callback URL's query). */
  code?: string;
  /** The `state` that came back with the code (authorization response, RFC 6749 §4.1.2). */
  returnedState?: string;
  /**
   * Discovery documents: the provider's `end_session_endpoint` (OIDC RP-Initiated Logout §2.1) and
   * `revocation_endpoint` (RFC 8414 §2), so requests to them are known for logouts and revocations.
   */
  endpoints?: { endSession?: string; revocation?: string };
}

/** One request that carried a token, and what the server did with it. */
export interface TokenUse {
  sightingId: string;
  fingerprint: string;
  requestId: string;
  /** ISO request time; `''` when unknown (such uses never decide a time-based rule). */
  at: string;
  /** `host` + first path segment (`api.example.com/v1`): what `validation-inconsistent` compares. */
  service: string;
  verdict: ServerVerdict;
}

/** How a family member came to be in it. */
export type FamilyRole = 'access' | 'id' | 'refresh';

/** Tokens issued together by one token response (access + ID + refresh), RFC 6749 §5.1, OIDC Core §3.1.3.3. */
export interface TokenFamily {
  /** `f1`, `f2`…, in order of issue. */
  id: string;
  /** The token response's request id. */
  issuedBy: string;
  /** ISO time of the token request; `''` when unknown. */
  issuedAt: string;
  grantType?: string;
  members: { fingerprint: string; role: FamilyRole }[];
  /** The response's `expires_in`, seconds. */
  expiresIn?: number;
  /** The family whose refresh token was presented to get this one (RFC 6749 §6): the refresh chain. */
  parent?: string;
  /** Fingerprint of the refresh token presented in the grant that issued this family. */
  refreshedWith?: string;
  /** Request id of the authorization request that started the flow (matched by `code`/`state`). */
  authorization?: string;
  /**
   * The authorization code exchanged for this family (`grant_type=authorization_code`), raw in memory for
   * the `c_hash` check (OIDC Core §3.3.2.11); reports must drop it.
   */
  code?: string;
}

/** A logout or revocation, and the tokens it should have ended. */
export interface LifecycleEvent {
  kind: 'logout' | 'revocation';
  requestId: string;
  /** ISO request time; `''` when unknown. */
  at: string;
  /**
   * ISO time its answer arrived (request time plus the exchange's `durationMs`), when known: a request
   * started after it was sent once the logout had taken effect, not in flight beside it.
   */
  endedAt?: string;
  /** How it was recognised: `RP-initiated logout (id_token_hint)`, `RFC 7009 revocation`, `POST /logout`… */
  how: string;
  /** Whether the server answered it with success (2xx, or a 3xx for a browser logout). */
  succeeded: boolean;
  /** Origin the event was sent to (`https://op.example`). */
  origin: string;
  /** Fingerprints of the tokens it covers: the token named in it, its family and the families refreshed from it. */
  covers: string[];
}

/** The whole lifecycle of a capture. */
export interface LifecycleModel {
  /** Every use of every token, in request order (uses with no time last). */
  uses: TokenUse[];
  families: TokenFamily[];
  events: LifecycleEvent[];
  /** Authorization requests seen, in order (their facts hold the `state`/`nonce`/PKCE method). */
  authorizations: ExchangeFacts[];
  /** URLs of discovery documents seen (`/.well-known/openid-configuration`, RFC 8414). */
  discovery: string[];
  /** The clock skew the decisions allowed, seconds (`Policy.clockSkewSeconds`). */
  skewSeconds: number;
}

/**
 * What checks run outside the auditor found about the tokens' signatures (src/core/keys, reported through
 * `Auditor.addHits`): the fingerprints of tokens whose signature does not verify with their issuer's keys
 * seen in traffic (`sig-invalid`). Lifecycle rules set it beside the verdicts (`sig-invalid-accepted`).
 */
export interface SignatureFacts {
  invalid: ReadonlySet<string>;
}

/**
 * A check that reads the lifecycle model (and the token records its fingerprints refer to, and what the
 * signature checks found, when they have run). `index` is the lookups the rules share, made once per run
 * of the rules; a rule called alone makes its own. Must not throw.
 */
export type LifecycleRule = (
  model: LifecycleModel,
  records: readonly TokenRecord[],
  policy: Policy,
  signatures?: SignatureFacts,
  index?: RuleIndex,
) => CaptureHit[];
