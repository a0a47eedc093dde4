import { fingerprintOf } from '../crypto/fingerprint';
import type { ParsedToken } from '../types';

/** The `errors` and `warnings` of the (many) tokens that have none: one frozen list for all of them. */
export const NO_PROBLEMS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A token with every field in place from the start, absent ones `undefined`: objects that gain properties
 * later get an extra out-of-line property store each, and an audit keeps every token it parsed. Parsed
 * and opaque tokens both start here, so they share one shape.
 */
export function createToken(text: string, fingerprint = fingerprintOf(text)): ParsedToken {
  return {
    text,
    fingerprint,
    kind: 'malformed',
    segments: [],
    header: undefined,
    signingInput: undefined,
    claims: undefined,
    payloadProblem: undefined,
    signature: undefined,
    brokenSegment: undefined,
    nested: undefined,
    errors: [],
    warnings: [],
  };
}
