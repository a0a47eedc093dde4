import { claimsLayer } from '../../token/claims-layer';
import type { JsonObject, ParsedToken, RuleHit, Severity } from '../../types';

/**
 * What a rule returns when it has nothing to say: one frozen empty list shared by every rule. Most of the
 * ~60 rules find nothing on most tokens, and a fresh `[]` from each was millions of allocations on a
 * 100,000-token audit. Frozen, so a caller that tried to append to it would fail loudly, not corrupt it.
 */
export const NO_HITS: RuleHit[] = Object.freeze([]) as unknown as RuleHit[];

/**
 * Freezes hits (and their evidence) that several tokens will share: rules that memoise a hit per header
 * return the very same objects for every token with that header, so no reader may change them.
 */
export function sharedHits(hits: RuleHit[]): RuleHit[] {
  for (const hit of hits) {
    if (hit.evidence) {
      for (const item of hit.evidence) Object.freeze(item);
      Object.freeze(hit.evidence);
    }
    if (hit.sightingIds) Object.freeze(hit.sightingIds);
    Object.freeze(hit);
  }
  return Object.freeze(hits) as RuleHit[];
}

/**
 * A three-segment JWS broken in one of its parts, whose other parts the rules still judge: parsing kept
 * its header only if that decoded into a JSON object, its claims only if the payload decoded completely
 * (`keepDecodedParts`). Not a token broken as a whole (segment count, size), nor one cut in what its
 * header shows is a JWE (`brokenSegment` stays undefined for those).
 */
export function brokenJws(token: ParsedToken): boolean {
  return token.kind === 'malformed' && token.brokenSegment !== undefined && token.segments.length === 3;
}

/**
 * The header of a token well-formed enough for header rules: a JWS, unsecured JWS or JWE, or a broken
 * JWS whose header decoded (`brokenJws`). Any other malformed token gets `fmt-malformed` only: a header
 * fragment cut short (`eyJhbGciOiJIUzI1NiJ9.eyJzd…`, a JWS or a JWE?) must not also be reported as
 * `sig-stripped` or `exp-missing`.
 */
export function usableHeader(token: ParsedToken): JsonObject | undefined {
  if (brokenJws(token)) return token.header;
  if (token.kind === 'malformed' || token.errors.length > 0) return undefined;
  return token.header;
}

/**
 * The claims of a well-formed JWS or unsecured JWS, or of a broken JWS whose payload decoded completely
 * (`brokenJws`); JWE payloads are encrypted and never judged.
 */
export function usableClaims(token: ParsedToken): JsonObject | undefined {
  if (brokenJws(token)) return token.claims;
  if ((token.kind !== 'jws' && token.kind !== 'unsecured') || token.errors.length > 0) return undefined;
  return token.claims;
}

/**
 * The claims a verifier acts on: the token's own, or for a nested JWT (`cty: JWT`) those of the first
 * inner layer that has claims. Same conditions as `usableClaims` on that layer.
 */
export function effectiveClaims(token: ParsedToken): JsonObject | undefined {
  return usableClaims(claimsLayer(token));
}

/** The audiences an `aud` claim names: a string, or the strings of an array (RFC 7519 §4.1.3). */
export function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** `alg` when it is a string. */
export function algOf(header: JsonObject): string | undefined {
  return typeof header.alg === 'string' ? header.alg : undefined;
}

/** True when `object` has `key` as its own member (claims are null-prototype, but be exact anyway). */
export function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** A JSON value shown in a detail: strings quoted and cut, containers named by kind. */
export function show(value: unknown, max = 60): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 2)}…${typeof value === 'string' ? '"' : ''}` : text;
}

/** Claim or header value as evidence text: strings as they are, anything else as compact JSON. */
export function evidenceText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** One severity tier up (`medium` → `high`); `critical` stays. */
export function raiseSeverity(severity: Severity): Severity {
  return ORDER[Math.min(ORDER.indexOf(severity) + 1, ORDER.length - 1)] ?? severity;
}

/** The more severe of two severities. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

/** Joins names for a detail: `a`, `a and b`, `a, b and c`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
