/** The HMAC algorithms a JWS may use (RFC 7518 §3.2). */
export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

/** One token to crack: its MAC algorithm, the bytes the MAC covers, and the MAC itself. */
export interface HmacTarget {
  alg: HmacAlg;
  /** `header.payload` as sent (ASCII). */
  signingInput: string;
  signature: Uint8Array;
}

/** A confirmed crack: candidate `candidate` of the batch is the secret of target `target`. */
export interface HmacMatch {
  target: number;
  candidate: number;
}

/** Reports a candidate that passed an engine's 32-bit early check for a target (not yet confirmed). */
export type HitSink = (candidate: number, target: number) => void;

/**
 * A dictionary engine for targets of one hash family. `targets` holds the global target indices it
 * serves; hits name those global indices.
 */
export interface BatchEngine {
  /** Candidate i is `bytes[starts[i] .. ends[i])`. */
  run(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, hit: HitSink): void;
  /** Stops testing a target (cracked already). */
  deactivate(target: number): void;
}

/** MAC length in bytes per algorithm. */
export const MAC_LENGTH: Record<HmacAlg, number> = { HS256: 32, HS384: 48, HS512: 64 };

/** True for `HS256`, `HS384` and `HS512`. */
export function isHmacAlg(value: unknown): value is HmacAlg {
  return value === 'HS256' || value === 'HS384' || value === 'HS512';
}
