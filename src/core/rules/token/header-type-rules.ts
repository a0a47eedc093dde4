import type { JsonObject, RuleHit, TokenRule } from '../../types';
import { hasLogoutEvent } from './claim-profiles';
import { has, listNames, NO_HITS, sharedHits, show, usableClaims, usableHeader } from './token-parts';

/** IANA "JSON Web Signature and Encryption Header Parameters" (RFC 7515/7516/7519 §5.3/7797/8225/8555/9449…). */
const COMMON = ['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit'];
const JWS_ONLY = ['b64', 'ppt', 'url', 'nonce', 'svt', 'iss', 'sub', 'aud', 'trust_chain'];
const JWE_ONLY = ['enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c'];
const JWS_PARAMS = new Set([...COMMON, ...JWS_ONLY]);
const JWE_PARAMS = new Set([...COMMON, ...JWE_ONLY, 'iss', 'sub', 'aud', 'url', 'nonce']);
const BY_LOWER = new Map([...JWS_PARAMS, ...JWE_PARAMS].map((p) => [p.toLowerCase(), p]));
/** Misspellings seen in the wild, mapped to what was meant. */
const MEANT: ReadonlyMap<string, string> = new Map(
  Object.entries({
    type: 'typ',
    contenttype: 'cty',
    'content-type': 'cty',
    keyid: 'kid',
    key_id: 'kid',
    algorithm: 'alg',
    x5t256: 'x5t#S256',
  }),
);
const STRING_PARAMS = ['kid', 'typ', 'cty'];

function describeKey(key: string, jwe: boolean): string | undefined {
  const known = jwe ? JWE_PARAMS : JWS_PARAMS;
  if (known.has(key)) return undefined;
  if (!jwe && JWE_ONLY.includes(key)) return `"${key}" (a JWE-only parameter in a JWS)`;
  const meant = MEANT.get(key.toLowerCase()) ?? BY_LOWER.get(key.toLowerCase());
  if (meant) return `"${key}" (did the issuer mean "${meant}"?)`;
  if (key === 'kty' || key === 'n' || key === 'e' || key === 'x' || key === 'crv') {
    return `"${key}" (a JWK member outside "jwk")`;
  }
  return `"${key.length > 40 ? `${key.slice(0, 40)}…` : key}"`;
}

function oddKeys(header: JsonObject, jwe: boolean): string[] {
  const found: string[] = [];
  for (const key of Object.keys(header)) {
    const odd = describeKey(key, jwe);
    if (odd) found.push(odd);
  }
  for (const key of STRING_PARAMS) {
    if (has(header, key) && typeof header[key] !== 'string')
      found.push(`"${key}" is ${show(header[key])}, not a string`);
  }
  return found;
}

/** `hdr-nonstandard`: unregistered, misspelled, wrongly typed or wrong-kind header parameters. */
export const checkHeaderNonstandard: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header) return NO_HITS;
  const found = oddKeys(header, record.token.kind === 'jwe');
  if (found.length === 0) return NO_HITS;
  const listed = found.length > 8 ? [...found.slice(0, 8), `${found.length - 8} more`] : found;
  return [{ ruleId: 'hdr-nonstandard', detail: `Non-standard header parameters: ${listNames(listed)}.` }];
};

/** Generic types that say "a JWT" but not which kind (RFC 8725 §3.11). */
const GENERIC_TYP = /^(application\/)?jwt$/i;

/** Tokens for which explicit typing is required by their profile: access (RFC 9068), logout, DPoP. */
function typingRequired(claims: JsonObject | undefined, purpose: string): boolean {
  if (purpose === 'access' || purpose === 'logout' || purpose === 'dpop' || hasLogoutEvent(claims))
    return true;
  return claims !== undefined && has(claims, 'htm') && has(claims, 'htu');
}

/** The two hits `typ-not-explicit` can give for one header: with or without a profile that needs `typ`. */
interface TypHits {
  required?: RuleHit[];
  optional?: RuleHit[];
}

/** Per header object (headers are frozen and shared by all tokens with the same segment). */
const typHits = new WeakMap<JsonObject, TypHits>();

function typHit(header: JsonObject, required: boolean): RuleHit {
  const typ = header.typ;
  const what = has(header, 'typ') ? `typ is the generic ${show(typ)}` : 'typ is absent';
  return {
    ruleId: 'typ-not-explicit',
    ...(required ? { severity: 'low' as const } : {}),
    detail: required
      ? `${what}, but this token's profile expects an explicit type ("at+jwt" for access tokens, RFC 9068 §2.1; "logout+jwt" for logout tokens, OIDC Back-Channel Logout 1.0 §2.4; "dpop+jwt" for DPoP proofs, RFC 9449 §4.2).`
      : `${what}: nothing tells this token apart from other kinds of JWT.`,
  };
}

/** `typ-not-explicit`: `typ` absent or the generic `JWT` (RFC 8725 §3.11); low where a profile requires it. */
export const checkTypNotExplicit: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || record.token.kind === 'jwe') return NO_HITS;
  const typ = header.typ;
  if (has(header, 'typ') && !(typeof typ === 'string' && GENERIC_TYP.test(typ))) return NO_HITS;
  const required = typingRequired(usableClaims(record.token), record.purpose);
  // Only a frozen header (as parsing makes every header) is sure to read the same next time.
  if (!Object.isFrozen(header)) return [typHit(header, required)];
  let memo = typHits.get(header);
  if (!memo) {
    memo = {};
    typHits.set(header, memo);
  }
  if (required) {
    memo.required ??= sharedHits([typHit(header, true)]);
    return memo.required;
  }
  memo.optional ??= sharedHits([typHit(header, false)]);
  return memo.optional;
};

/** Rules about the header's parameter names and types. */
export const HEADER_TYPE_RULES: readonly TokenRule[] = [checkHeaderNonstandard, checkTypNotExplicit];
