import { hasLogoutEvent } from '../rules/token/claim-profiles';
import { effectiveClaims } from '../rules/token/token-parts';
import type { ParsedToken, Sighting, TokenPurpose } from '../types';

const REFRESH_NAME = /refresh/i;
const LOGOUT_NAME = /^logout_token$/i;

const ID_NAME = /(^|[^a-z])id_?token/i;
/** `Authorization: DPoP <token>` carries a DPoP-bound access token; the `DPoP` header carries the proof. */
const ACCESS_NAME = /access|^authorization$/i;
const DPOP_TYPES = new Set(['dpop+jwt', 'application/dpop+jwt']);

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
  if (isLogoutToken(claims, typ, sightings)) return 'logout';
  if (someName(sightings, REFRESH_NAME) || /refresh/i.test(tokenUse)) return 'refresh';
  if (someName(sightings, ID_NAME) || /^id$/i.test(tokenUse)) return 'id';
  if (typ === 'at+jwt' || typ === 'application/at+jwt' || /^(access|bearer)$/i.test(tokenUse))
    return 'access';
  if (someName(sightings, ACCESS_NAME)) return 'access';
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
function isLogoutToken(claims: ParsedToken['claims'], typ: string, sightings: readonly Sighting[]): boolean {
  if (typ === 'logout+jwt' || typ === 'application/logout+jwt') return true;
  return someName(sightings, LOGOUT_NAME) || hasLogoutEvent(claims);
}

/**
 * True when some sighting's name matches (a loop: this runs for every token of an audit). No name
 * pattern here matches the empty name of a line in a token list, so it is not tested.
 */
function someName(sightings: readonly Sighting[], pattern: RegExp): boolean {
  for (let i = 0; i < sightings.length; i++) {
    const name = fieldName(sightings[i] as Sighting);
    if (name !== '' && pattern.test(name)) return true;
  }
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
