import { hasLogoutEvent } from '../rules/token/claim-profiles';
import { effectiveClaims } from '../rules/token/token-parts';
import type { ParsedToken, Sighting, TokenPurpose } from '../types';

const REFRESH_NAME = /refresh/i;
const LOGOUT_NAME = /^logout_token$/i;

const ID_NAME = /(^|[^a-z])id_?token/i;
/** `Authorization: DPoP <token>` carries a DPoP-bound access token; the `DPoP` header carries the proof. */
const ACCESS_NAME = /access|^authorization$/i;
const DPOP_TYPES = new Set(['dpop+jwt', 'application/dpop+jwt']);
/** What a `token_use` (AWS Cognito) or `typ` claim says (module constants: a literal is a new RegExp per call). */
const REFRESH_USE = /refresh/i;
const ID_USE = /^id$/i;
const ACCESS_USE = /^(access|bearer)$/i;

/**
 * Best guess of what a token is for. Rules tune themselves by it: refresh tokens get an absolute-lifetime
 * check instead of the access-token tiers (RULES.md §3), access tokens the RFC 9068 profile check.
 * Order matters: a name saying "refresh" beats claims, since refresh tokens often copy access-token claims.
 */
export function guessPurpose(token: ParsedToken, sightings: readonly Sighting[]): TokenPurpose {
  // A nested JWT's claims are in its inner token.
  const claims = token.claims ?? effectiveClaims(token);
  const typ = typeof token.header?.typ === 'string' ? token.header.typ.toLowerCase() : '';
  const tokenUse = claimString(claims, 'token_use') ?? claimString(claims, 'typ') ?? '';
  if (isDpopProof(claims, typ, sightings)) return 'dpop';
  // Read once for the four name tests below; none of them matches an empty name or an empty `tokenUse`.
  const names = fieldNames(sightings);
  if (isLogoutToken(claims, typ, names)) return 'logout';
  if (someName(names, REFRESH_NAME) || (tokenUse !== '' && REFRESH_USE.test(tokenUse))) return 'refresh';
  if (someName(names, ID_NAME) || (tokenUse !== '' && ID_USE.test(tokenUse))) return 'id';
  if (typ === 'at+jwt' || typ === 'application/at+jwt' || (tokenUse !== '' && ACCESS_USE.test(tokenUse)))
    return 'access';
  if (someName(names, ACCESS_NAME)) return 'access';
  if (claims && ('nonce' in claims || 'at_hash' in claims)) return 'id';
  if (claims && ('scope' in claims || 'scp' in claims || 'client_id' in claims)) return 'access';
  return 'unknown';
}

/**
 * A DPoP proof (RFC 9449 §4.2): so typed, sent in the `DPoP` request header (§4.1), or, untyped, carrying
 * the request binding only proofs have (`htm` and `htu`).
 */
function isDpopProof(claims: ParsedToken['claims'], typ: string, sightings: readonly Sighting[]): boolean {
  if (DPOP_TYPES.has(typ)) return true;
  for (const sighting of sightings)
    if (sighting.where === 'request-header' && sighting.name.toLowerCase() === 'dpop') return true;
  return claims !== undefined && 'htm' in claims && 'htu' in claims;
}

/** A Back-Channel Logout token: so typed, so named (`logout_token` form field), or carrying the logout event. */
function isLogoutToken(claims: ParsedToken['claims'], typ: string, names: readonly string[]): boolean {
  if (typ === 'logout+jwt' || typ === 'application/logout+jwt') return true;
  return someName(names, LOGOUT_NAME) || hasLogoutEvent(claims);
}

/** The field names of no sightings, or only of sightings without one (a token list): one shared list. */
const NO_NAMES: readonly string[] = Object.freeze([]);

/** The non-empty field names of the sightings, in order (a loop: this runs for every token of an audit). */
function fieldNames(sightings: readonly Sighting[]): readonly string[] {
  let names: string[] | undefined;
  for (let i = 0; i < sightings.length; i++) {
    const name = fieldName(sightings[i] as Sighting);
    if (name === '') continue;
    names ??= [];
    names.push(name);
  }
  return names ?? NO_NAMES;
}

/** True when one of `names` matches. */
function someName(names: readonly string[], pattern: RegExp): boolean {
  for (let i = 0; i < names.length; i++) if (pattern.test(names[i] as string)) return true;
  return false;
}

/**
 * The field name a sighting gives its token. A token handed over outside traffic (`where: 'input'`) is
 * named by where it came from (`tokens.txt:3`, `pasted`), which says nothing of its purpose (a file called
 * `access-log.txt` holds no access tokens for that): only a field name given after it counts
 * (`tokens.txt:3 id_token`).
 */
function fieldName(sighting: Sighting): string {
  if (sighting.where !== 'input') return sighting.name;
  const space = sighting.name.lastIndexOf(' ');
  return space < 0 ? '' : sighting.name.slice(space + 1);
}

function claimString(claims: ParsedToken['claims'], name: string): string | undefined {
  const value = claims?.[name];
  return typeof value === 'string' ? value : undefined;
}
