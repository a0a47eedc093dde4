/**
 * The probe (issue 15; shared/DESIGN.md "Evidence layers", layer 4): one captured request replayed by the
 * CLI with tampered tokens, to the origin that already received the original, to prove what the server
 * accepts. The core plans the probes and judges the answers; it never sends anything. The sender lives in
 * `src/cli/probe` only (the extension keeps `connect-src 'none'`). Plain data throughout.
 */

import type { CaptureHit } from '../types';

/** One header of a request, as sent (names keep their case; order is kept). */
export interface ProbeHeader {
  name: string;
  value: string;
}

/** One HTTP request as the probe replays it, built from a HAR entry's request. */
export interface ProbeRequest {
  method: string;
  url: string;
  headers: ProbeHeader[];
  /** The request body as text (HAR `postData.text`), with its MIME type; absent when there is none. */
  body?: { mimeType: string; text: string };
}

/** Where the probed token sits in the request: the one place the probe changes. */
export interface TokenSlot {
  where: 'request-header' | 'request-cookie' | 'query' | 'request-body';
  /** Header name, cookie name, query parameter, form field or JSON path (`$.token`), as on the sighting. */
  name: string;
}

/**
 * What a probe changes. `baseline`: the request replayed unchanged; `negative-control`: the same request
 * without the token. The others each send one tampered token.
 */
export type ProbeKind =
  | 'baseline'
  | 'negative-control'
  | 'alg-none'
  | 'signature-stripped'
  | 'signature-corrupted'
  | 'claim-tampered'
  | 'psychic-signature'
  | 'embedded-jwk'
  | 'alg-confusion'
  | 'kid-injection'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-subject';

/** One request the probe will send. */
export interface ProbeCase {
  /** Unique within a run and stable across runs: `alg-none:nOnE`, `alg-confusion:pem-no-newline`… */
  id: string;
  kind: ProbeKind;
  /** What changes, in a few words, for `--dry-run` and the report (`alg set to "nOnE", signature removed`). */
  change: string;
  /** The finding raised when the server accepts this case; absent for `baseline` and `negative-control`. */
  ruleId?: string;
  request: ProbeRequest;
}

/** What the probe learns from a response: enough to tell an acceptance from a refusal beyond the status. */
export interface ResponseShape {
  status: number;
  /** `Content-Type` without parameters, lower case; `''` when absent. */
  contentType: string;
  /** Body length rounded into a coarse bucket (so a timestamp in the page does not change it). */
  lengthBucket: number;
  /** Top-level keys of a JSON object body, sorted; empty for any other body. */
  jsonKeys: string[];
  /** `Location` header of a 3xx, when present (redirects are never followed). */
  location?: string;
}

/** The probe's judgement of one case against the baseline and the negative control. */
export type ProbeVerdict = 'accepted' | 'rejected' | 'inconclusive';

/** One case as sent and answered (or not). */
export interface ProbeOutcome {
  caseId: string;
  kind: ProbeKind;
  change: string;
  ruleId?: string;
  /** Absent when no response came (`error` says why). */
  shape?: ResponseShape;
  error?: string;
  verdict: ProbeVerdict;
  /** Milliseconds from send to the end of the response. */
  durationMs?: number;
}

/** Why a run stopped before the tampered cases. */
export type ProbeStop =
  | 'baseline not accepted'
  | 'endpoint does not require this token'
  | 'request limit reached';

/** A whole probe run on one request: what the report's `probes` section holds (masked there). */
export interface ProbeRun {
  /** The HAR entry, counted from 0 in file order. */
  entry: number;
  method: string;
  url: string;
  /** Fingerprint of the probed token. */
  fingerprint: string;
  slot: TokenSlot;
  /** ISO time the run started. */
  startedAt: string;
  baseline?: ProbeOutcome;
  negativeControl?: ProbeOutcome;
  outcomes: ProbeOutcome[];
  stopped?: ProbeStop;
}

/** What planning needs besides the request: material the capture offers for the tampered tokens. */
export interface ProbeMaterial {
  /** Key sets and discovery documents seen in the capture (untrusted JSON), for the alg-confusion cases. */
  keyDocuments: readonly { kind: 'jwks' | 'openid-configuration'; url: string; json: unknown }[];
  /** A weak HMAC secret recovered for this token (by the wordlist/crack step), as bytes. */
  recoveredSecret?: Uint8Array;
  /** Seconds since the epoch: the clock the re-signed time cases are built from. */
  now: number;
}

/** Turns a run into findings (one per accepted case; `probe-*` rule ids) and passes (rejected cases). */
export interface ProbeAssessment {
  hits: CaptureHit[];
  /** Rule ids whose probes ran and were rejected: evidence that the control operates (compliance `pass`). */
  passedRuleIds: string[];
}
