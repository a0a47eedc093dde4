import type { Baseline } from './baseline/types';
import type { FrameworkId } from './compliance/types';
import type { ExchangeFacts, LifecycleModel } from './lifecycle/types';

/**
 * The engine's data model. Everything here is plain data (JSON-safe apart from `Uint8Array` fields),
 * so it can cross a worker boundary, be written to a report, or be built by a test by hand.
 */

/** Finding severities, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Where in an HTTP exchange (or elsewhere) a token was seen. */
export type Where =
  | 'request-header'
  | 'request-cookie'
  | 'set-cookie'
  | 'query'
  | 'fragment'
  | 'path'
  | 'request-body'
  | 'response-header'
  | 'response-body'
  | 'storage'
  | 'input';

/** Attributes of a cookie as set by `Set-Cookie` (or recorded in a HAR `cookies[]` entry). */
export interface CookieAttributes {
  httpOnly: boolean;
  secure: boolean;
  /** Lower-cased `SameSite` value as sent (`strict`, `lax`, `none`, or anything else seen); absent if not sent. */
  sameSite?: string;
  domain?: string;
  path?: string;
  /** `Expires` as sent, and `Max-Age` in seconds, when present. */
  expires?: string;
  maxAge?: number;
  /** `__Host-` or `__Secure-` when the cookie name carries that prefix. */
  prefix?: '__Host-' | '__Secure-';
}

/** One place a token was seen. A token seen in three requests has three sightings. */
export interface Sighting {
  /** Stable within one capture: `"<entry index>:<n>"` for HAR entries, anything unique elsewhere. */
  id: string;
  tokenText: string;
  where: Where;
  /** Header name, cookie name, query parameter, JSON path (`$.access_token`), storage key… */
  name: string;
  url: string;
  method: string;
  /** HTTP status of the response; 0 when unknown (no response, aborted, or not HTTP). */
  status: number;
  /** URL scheme without the colon: `https`, `http`, `wss`, … (`''` when there is no URL). */
  scheme: string;
  /** ISO 8601 time the request started (HAR `startedDateTime`); `''` when unknown. */
  startedAt: string;
  /** The HAR entry (request) this came from; sightings of one request share it. */
  requestId: string;
  /** Origin of the page that made the request (from `Origin`/`Referer`, or the HAR page), when known. */
  initiatorOrigin?: string;
  /** Set for `set-cookie` (and for request cookies when the HAR recorded flags). */
  cookie?: CookieAttributes;
  /** The response's `Cache-Control` (and `Pragma`) when the token came back in that response. */
  responseCacheControl?: string;
  /**
   * Set when capture took the value for an opaque OAuth token (not a JWT) because its place names one: an
   * `access_token`/`refresh_token`/`id_token` field, a Bearer credential, an RFC 7009/7662 `token`. The
   * auditor then keeps the token as kind `opaque` instead of parsing it as a JWT.
   */
  opaque?: true;
}

/**
 * Compact serialisations the parser recognises, and `opaque`: an OAuth token that is not a JWT (a reference
 * token, RFC 6749 §1.4–1.5), known only by its text and where it travelled: no header, claims or signature.
 */
export type TokenKind = 'jws' | 'jwe' | 'unsecured' | 'malformed' | 'opaque';

/** A JSON object from untrusted input: a null-prototype record with no `__proto__` surprises. */
export type JsonObject = { [key: string]: unknown };

/** A token parsed once per distinct text. Parsing never throws: problems land in `errors`. */
export interface ParsedToken {
  /** The exact text parsed (trimmed of surrounding whitespace only). */
  text: string;
  /** First 16 hex digits of SHA-256 over `text` (UTF-8). The correlation key in every export. */
  fingerprint: string;
  kind: TokenKind;
  /** Compact segments as split on `.`. */
  segments: string[];
  /** Protected header; absent when it could not be decoded into a JSON object. */
  header?: JsonObject;
  /** `header.payload` for JWS/unsecured: the bytes a signature covers. */
  signingInput?: string;
  /**
   * Claims when the payload decoded completely and is a JSON object: JWS and unsecured, and a three-segment
   * JWS malformed elsewhere whose header decoded into a JSON object (`brokenSegment` 0 for an unusable
   * `alg`, or 2). Never for JWE (encrypted) or a payload cut short.
   */
  claims?: JsonObject;
  /** Set when the payload decoded but is not a JSON object: why, for `payload-not-jwt-claims`. */
  payloadProblem?: string;
  /** Raw signature bytes (JWS) — empty when the third segment is empty. */
  signature?: Uint8Array;
  /**
   * Malformed tokens: index of the first segment that failed to decode (0 header, 1 payload, 2 signature;
   * JWE 1–4 for the encrypted parts); `undefined` when the token is broken as a whole (segment count, size,
   * JSON serialization) or well formed. 0 also for a header that is a JSON object whose `alg` is missing
   * or not a string. For a three-segment JWS, `header` (when it decoded into a JSON object) and `claims`
   * (when the payload decoded completely) are kept and judged; `signature` and `signingInput` stay absent.
   */
  brokenSegment?: number;
  /** The inner token of a nested JWT (`cty: JWT` with a JWS payload that is itself a compact token). */
  nested?: ParsedToken;
  /** Why the token is malformed, most important first, each one precise (what, where). Empty when well formed. */
  errors: string[];
  /** Non-fatal oddities the rules may report (duplicate JSON keys, `__proto__` keys, deep nesting…). */
  warnings: string[];
}

/** A reference to a standard: `{ standard: 'RFC 8725', id: '§3.1' }`, `{ standard: 'CWE', id: 'CWE-347' }`. */
export interface Reference {
  standard:
    | 'RFC 8725'
    | 'RFC 7515'
    | 'RFC 7516'
    | 'RFC 7518'
    | 'RFC 7519'
    | 'RFC 9068'
    | 'RFC 6749'
    | 'RFC 7009'
    | 'RFC 6750'
    | 'RFC 6265'
    | 'RFC 9700'
    | 'RFC 9449'
    | 'RFC 7797'
    | 'RFC 8037'
    | 'RFC 9864'
    | 'RFC 9964'
    | 'OIDC Core'
    | 'OIDC Back-Channel Logout 1.0'
    | 'OWASP ASVS 5.0'
    | 'CWE'
    | 'NIST SP 800-63B-4'
    | 'OWASP API Top 10 2023'
    | 'OWASP JWT Cheat Sheet'
    | 'CVE';
  id: string;
}

/** One masked piece of evidence: a claim name and a masked value, a header, a cookie attribute… */
export interface Evidence {
  label: string;
  /** Already masked/redacted for display and export unless the caller asked for raw values. */
  value: string;
  /** The unmasked value, only kept in memory; reports drop it unless raw output was asked for. */
  raw?: string;
}

/** What a rule returns: the catalog supplies title, why and references. */
export interface RuleHit {
  ruleId: string;
  /** For tiered rules: the tier that applies; otherwise the catalog default is used. */
  severity?: Severity;
  /** One sentence specific to this token/exchange: what exactly was seen. */
  detail: string;
  evidence?: Evidence[];
  /** Sightings that show the problem (context rules); token rules leave it empty to mean "all sightings". */
  sightingIds?: string[];
}

/** A finding as shown in the panel and exported. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** One paragraph: why it matters. */
  why: string;
  detail: string;
  evidence: Evidence[];
  references: Reference[];
  /** Fingerprint of the token concerned; `''` for findings about an exchange with no token (e.g. basic auth). */
  fingerprint: string;
  sightingIds: string[];
}

/** A token as it appears in an audit result: parsed, with where it was seen. */
export interface TokenRecord {
  token: ParsedToken;
  sightings: Sighting[];
  /** Best guess of the token's purpose, from where it travelled and its claims. */
  purpose: TokenPurpose;
}

/**
 * `logout`: an OpenID Connect Back-Channel Logout token (a Security Event Token, `events` claim).
 * `dpop`: a DPoP proof (RFC 9449 §4.2, `typ: dpop+jwt`, sent in the `DPoP` request header): not a bearer
 * token but a one-time proof of possession of the key in its `jwk` header.
 */
export type TokenPurpose = 'access' | 'id' | 'refresh' | 'logout' | 'dpop' | 'unknown';

/** Lifetime tiers for `lifetime-excessive`, in seconds (RULES.md §3). */
export interface LifetimeTiers {
  low: number;
  medium: number;
  high: number;
  /** Above this the finding also says "exceeds NIST AAL1 (30 days)". */
  aal1: number;
}

/** What the auditor expects of tokens sent to matching hosts. */
export interface HostExpectation {
  /** Host name, or a `*.example.com` wildcard (one or more labels). */
  host: string;
  issuers?: string[];
  audiences?: string[];
}

/** PII and secret detectors that can be switched off. */
export interface PiiDetectors {
  oidcClaims: boolean;
  email: boolean;
  phone: boolean;
  ipAddress: boolean;
  paymentCard: boolean;
  iban: boolean;
  usSsn: boolean;
  nationalIds: boolean;
  secrets: boolean;
}

/** A rule to silence, for every token or only for one fingerprint or issuer. */
export interface IgnoreEntry {
  ruleId: string;
  fingerprint?: string;
  issuer?: string;
  /** Why it is ignored; kept in reports so reviewers see it. */
  reason?: string;
}

/** A control the policy takes out of scope, with the reason reports show. */
export interface OutOfScopeEntry {
  framework: FrameworkId;
  /** The control id as the framework writes it (`8.2.8`, `SC-8`, `v5.0.0-9.1.1`…). */
  control: string;
  reason: string;
}

/** What the compliance statuses (issue 14) are computed for. */
export interface CompliancePolicy {
  /** Frameworks reported when the caller names none (`scan --compliance` overrides). */
  frameworks?: FrameworkId[];
  outOfScope: OutOfScopeEntry[];
  /** NIST SP 800-63B-4 assurance level whose reauthentication limits apply (§2.1.3, §2.2.3, §2.3.3). */
  nistAal: 1 | 2 | 3;
}

/**
 * Thresholds of the drift rules (issue 16): how far a capture may stray from its baseline before a rate
 * or lifetime is called drift. `Policy.drift`; absent: `DEFAULT_DRIFT_POLICY`.
 */
export interface DriftPolicy {
  /**
   * `drift-lifetime-increased`: how far a token's lifetime may exceed the baseline's learned maximum, as a
   * fraction of it (0.1: 10 % longer is tolerated). Issuers round and jitter lifetimes.
   */
  lifetimeTolerance: number;
  /** `drift-issuance-rate`: the peak tokens issued per minute must exceed the learned maximum times this. */
  issuanceRateFactor: number;
  /** `drift-rejections-increased`: the share of rejected uses must exceed the learned share times this. */
  rejectionRateFactor: number;
}

/** A complete policy (defaults filled in). Users write a partial one; `resolvePolicy` validates and completes it. */
export interface Policy {
  /** JWS/JWE `alg` values accepted; `null` means "any registered algorithm except `none`". */
  allowedAlgorithms: string[] | null;
  /** Tiers applied to access/ID/unknown tokens. */
  lifetime: LifetimeTiers;
  /** Absolute maximum for refresh tokens (ASVS 10.4.8), seconds. */
  refreshMaxLifetime: number;
  /**
   * Clock skew lifecycle decisions allow between the browser that timed a request and the issuer and
   * servers, seconds (RFC 7519 §4.1.4 "a small leeway"; default 60).
   */
  clockSkewSeconds: number;
  /** Claims every token must carry, beyond the catalog's own checks. */
  requiredClaims: string[];
  expectations: HostExpectation[];
  pii: PiiDetectors;
  severityOverrides: Record<string, Severity>;
  ignore: IgnoreEntry[];
  /** Compliance settings; absent: every framework when asked for, nothing out of scope, AAL2. */
  compliance?: CompliancePolicy;
  /** Drift thresholds (issue 16); absent: `DEFAULT_DRIFT_POLICY`. */
  drift?: DriftPolicy;
  /**
   * A learned baseline kept inside the policy (the same object as a `jwt-baseline.json` file): scans report
   * drift from it unless `--baseline` names another. Absent: no drift check.
   */
  baseline?: Baseline;
}

/** Everything a token rule may look at. */
export interface RuleContext {
  record: TokenRecord;
  policy: Policy;
  /**
   * Reference time, seconds since the epoch (the `--now` of the CLI, or the clock). Rules read it only
   * through `rules/use-clock`: it stands in for sightings with no request time, and the auditor rebuilds
   * a token's findings each minute only when `usesReferenceTime` says it has such a sighting.
   */
  now: number;
}

/** A pure check of one token (and its sightings). Must not throw for any input. */
export type TokenRule = (ctx: RuleContext) => RuleHit[];

/** A hit from a capture-wide rule, which must say which token it is about. */
export interface CaptureHit extends RuleHit {
  /** `''` when the finding concerns an exchange rather than a token (basic auth, password in URL…). */
  fingerprint: string;
}

/** A check across the whole capture (escalations, per-issuer history, refresh-token reuse…). */
export type CaptureRule = (records: readonly TokenRecord[], policy: Policy, now: number) => CaptureHit[];

/** A catalog entry: the stable facts about a rule id. */
export interface RuleInfo {
  id: string;
  title: string;
  /** Default (or lowest tier) severity. */
  severity: Severity;
  /** Why it matters: one paragraph, shown in the panel and the reports. */
  why: string;
  references: Reference[];
  /**
   * The evidence layer it rests on (DESIGN.md "Evidence layers"): `token`: the token alone; `context`: its
   * sightings; `capture`: the whole capture; `baseline`: drift from a learned baseline; `probe`: a replay.
   */
  scope: 'token' | 'context' | 'capture' | 'baseline' | 'probe';
}

/** Something seen in an exchange that is not a JWT but an auditor wants to know (RULES.md auxiliary rules). */
export interface ExchangeObservation {
  kind: 'basic-auth' | 'password-in-url' | 'password-in-body';
  requestId: string;
  url: string;
  scheme: string;
  /** Header, parameter or field name. */
  name: string;
  /** Masked value for evidence. */
  masked: string;
  startedAt: string;
}

/** JSON seen in traffic that carries key material: a JWKS, or OpenID Connect discovery metadata. */
export interface KeyDocument {
  kind: 'jwks' | 'openid-configuration';
  url: string;
  requestId: string;
  /** The parsed JSON, untrusted: validate before use. */
  json: unknown;
}

/** What capture makes of a HAR (or of live entries). */
export interface CaptureResult {
  sightings: Sighting[];
  /** The facts of each exchange that matters to a token's life (issue 13): see `lifecycle/types.ts`. */
  exchanges?: ExchangeFacts[];
  observations: ExchangeObservation[];
  keyDocuments: KeyDocument[];
  /** Entries or parts skipped and why, one line each (`entry 12: response body is not valid base64`). */
  problems: string[];
  entryCount: number;
}

/** The result of auditing a capture: what every host (panel, CLI, reports) consumes. */
export interface AuditResult {
  /**
   * Reference time, seconds since the epoch: what tokens with no request time were judged at (tokens
   * seen in traffic are judged at their requests' times), and the base of relative times.
   */
  referenceTime: number;
  policy: Policy;
  /** Distinct tokens, in order of first sighting. */
  tokens: TokenRecord[];
  /** Findings, most severe first, then by token order. Ignored findings are not here. */
  findings: Finding[];
  /** Findings suppressed by the policy's ignore list, for transparency in reports. */
  ignoredCount: number;
  observations: ExchangeObservation[];
  /** What the servers did with each token over the capture: uses and verdicts, families, events. */
  lifecycle: LifecycleModel;
  /** Earliest and latest `startedAt` among sightings (ISO), when known. */
  timeRange?: { start: string; end: string };
}
