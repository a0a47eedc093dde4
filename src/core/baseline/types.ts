/**
 * A learned baseline (issue 16; shared/DESIGN.md "Evidence layers", layer 3): what a team's tokens normally
 * look like, learned from reviewed captures, so a later capture can be checked for drift. It holds no token,
 * no signature and no claim value except `iss`, `aud`, `alg`, `kid`, `typ` and host names. It is written for
 * review (stable order, one fact per line) and edited by hand, so every field is plain JSON.
 */

/** Token purposes a baseline tells apart; opaque tokens are profiled by where they appear. */
export type BaselinePurpose = 'access' | 'id' | 'refresh' | 'other' | 'opaque';

/** JSON types a claim was seen with. */
export type ClaimType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** When a value (an algorithm, a key id) was first and last seen, as ISO times (request times). */
export interface SeenSpan {
  firstSeen: string;
  lastSeen: string;
}

/** How a token travelled to a server: the place, and for cookies the attributes it was set with. */
export interface Carrier {
  /** `request-header`, `request-cookie`, `query`, `request-body`… (the sighting's `where`). */
  where: string;
  /**
   * Header (lower case), cookie or parameter name, JSON path (`$.access_token`); a URL path as its shape
   * (`/*\/*\/{token}`: its other segments may be personal data); `''` for pasted or listed tokens (`input`).
   * `placeOf` and `carrierName` in `profile-key.ts` compute it.
   */
  name: string;
  /**
   * Cookie attributes seen on every sighting of this carrier that recorded attributes (an attribute absent
   * once is not listed; `{}` when none held every time); absent when no sighting recorded any.
   */
  cookie?: { httpOnly?: boolean; secure?: boolean; sameSite?: string; hostPrefix?: boolean };
}

/** The learned facts of one kind of token: one issuer and purpose (or, for opaque tokens, one place). */
export interface TokenProfile {
  /** `iss` of the tokens; `''` for opaque tokens and tokens with no `iss`. */
  issuer: string;
  purpose: BaselinePurpose;
  /** For opaque tokens: where the token was first seen, e.g. `request-header:authorization` (`placeOf`). */
  place?: string;
  /** Distinct tokens the profile was learned from. */
  tokens: number;
  algorithms: Record<string, SeenSpan>;
  keyIds: Record<string, SeenSpan>;
  types: string[];
  /** Claim name → how often present (`always` in every token, else `sometimes`) and its JSON types. */
  claims: Record<string, { presence: 'always' | 'sometimes'; types: ClaimType[] }>;
  audiences: string[];
  /** `exp − iat` (`exp − nbf` without an `iat`) in seconds, over the tokens that have them (`lifetimeOf`). */
  lifetime?: { min: number; median: number; max: number };
  /** Hosts the token was presented to as a credential (request host names, lower case; not `Referer` leaks). */
  recipientHosts: string[];
  /** URL schemes it travelled over (`https`, `http`, `wss`…). */
  transports: string[];
  carriers: Carrier[];
  /**
   * Tokens issued per minute of session: first sightings per minute of the capture's time range (minutes
   * counted from its start, `minuteOfRange`), quiet minutes counted as 0 (so the median is often 0 and the
   * maximum shows bursts).
   */
  issuance?: { perMinuteMedian: number; perMinuteMax: number };
  /**
   * What the servers answered to uses of these tokens: `uses` counts the uses they judged (accepted or
   * rejected; no response, a preflight or a cache say nothing), `rejectedShare` is rejected / `uses`
   * (four decimals), `errorCodes` the RFC 6750 §3 `error` values of the rejections.
   */
  responses?: { uses: number; rejectedShare: number; errorCodes: string[] };
}

/** A baseline file (`jwt-baseline.json`, `schema/baseline.schema.json`). */
export interface Baseline {
  baselineVersion: 1;
  generatedBy: { name: string; version: string };
  /** What it was learned from: file names, time range, counts (no token). */
  learnedFrom: {
    inputs: string[];
    timeRange?: { start: string; end: string };
    tokens: number;
    requests: number;
    /**
     * `captureDigest` of each capture learned (the CLI: one per input file): `baseline --update` does not
     * learn a capture already listed, so `tokens` and `requests` never count the same capture twice.
     * Absent in files written before it; optional for hand-written ones.
     */
    captures?: string[];
  };
  /** Sorted by issuer, purpose, place. */
  profiles: TokenProfile[];
  /**
   * Compliance control statuses when the baseline was learned (`framework/control` → status), so a report
   * can say that a control that passed in the baseline fails now. Optional: absent when not learned.
   */
  controls?: Record<string, 'pass' | 'fail' | 'not-observed' | 'partial'>;
}

/** Parsing a baseline file: the baseline, or one line naming the place and the problem. */
export type BaselineParse = { baseline: Baseline } | { error: string };
