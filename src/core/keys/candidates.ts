import type { ParsedToken } from '../types';
import { whyKeyCannotVerify } from './alg-compat';
import type { KnownKey } from './types';

/** Keys tried per token at most: kid-named and issuer keys come first, so the cap only trims guesses. */
export const MAX_KEYS_TRIED = 24;

/** Which known keys bear on one token's signature. */
export interface Candidates {
  /** Keys to try, most specific first, only those whose type and curve fit the token's `alg`. */
  tryKeys: KnownKey[];
  /** Keys that, if none verifies, make the signature invalid for its issuer (kid-named, issuer's, or user's). */
  authoritative: KnownKey[];
  /** Keys whose `kid` is the token's (not counting keys tied to another issuer). */
  kidMatches: KnownKey[];
}

function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** A key set on the issuer's own origin is taken to be the issuer's, when no discovery document said otherwise. */
function isIssuerKey(key: KnownKey, iss: string | undefined): boolean {
  if (iss === undefined || key.source.origin !== 'traffic') return false;
  if (key.source.issuer !== undefined) return key.source.issuer === iss;
  const issuerOrigin = originOf(iss);
  return issuerOrigin !== undefined && issuerOrigin === originOf(key.source.where);
}

/** Tied by a discovery document to an issuer other than the token's. */
function isForeign(key: KnownKey, iss: string | undefined): boolean {
  return iss !== undefined && key.source.issuer !== undefined && key.source.issuer !== iss;
}

function unique(keys: KnownKey[]): KnownKey[] {
  return [...new Set(keys)];
}

/** The token's `iss` and `kid` when they are strings. */
export function tokenHints(token: ParsedToken): { iss?: string; kid?: string } {
  const iss = token.claims?.iss;
  const kid = token.header?.kid;
  return { ...(typeof iss === 'string' ? { iss } : {}), ...(typeof kid === 'string' ? { kid } : {}) };
}

/**
 * Chooses the keys for one token: by `kid` first, then the issuer's (discovery binding, then same origin),
 * then the auditor's, then any other key seen; keys that cannot verify `alg` are not tried.
 */
export function selectCandidates(token: ParsedToken, alg: string, pool: readonly KnownKey[]): Candidates {
  // No key seen or supplied (a token list, a capture without key sets): every list below is empty.
  if (pool.length === 0) return { tryKeys: [], authoritative: [], kidMatches: [] };
  const { iss, kid } = tokenHints(token);
  const own = pool.filter((key) => !isForeign(key, iss));
  const kidMatches = kid === undefined ? [] : own.filter((key) => key.kid === kid);
  const issuerKeys = own.filter((key) => isIssuerKey(key, iss));
  const userKeys = own.filter((key) => key.source.origin === 'user');
  const authoritative = unique([...kidMatches, ...issuerKeys, ...(kid === undefined ? userKeys : [])]);
  const ordered = unique([...kidMatches, ...issuerKeys, ...userKeys, ...own, ...pool]);
  const tryKeys = ordered.filter((key) => whyKeyCannotVerify(key.jwk, alg) === null).slice(0, MAX_KEYS_TRIED);
  return { tryKeys, authoritative, kidMatches };
}
