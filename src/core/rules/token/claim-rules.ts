import type { JsonObject, RuleContext, RuleHit, TokenPurpose, TokenRule } from '../../types';
import { claimProfile, hasLogoutEvent, missingMatters } from './claim-profiles';
import { has, listNames, NO_HITS, sharedHits, show, usableClaims, usableHeader } from './token-parts';

/** Absent or `null`: a claim that is there but null gives a verifier nothing to check either. */
function missing(claims: JsonObject, name: string): boolean {
  return !has(claims, name) || claims[name] === null;
}

/** `; ID tokens require it (OIDC Core §2)` when the token's profile makes `claim` REQUIRED. */
function requiredBy(purpose: TokenPurpose, claim: string): string {
  const profile = claimProfile(purpose);
  if (purpose === 'logout' && claim === 'sub')
    return '; a logout token must carry sub or sid (OIDC Back-Channel Logout 1.0 §2.4)';
  return profile?.required.includes(claim) ? `; ${profile.kind} require it (${profile.source})` : '';
}

/**
 * A rule that fires when a registered claim is missing, with a reason specific to that claim, judged by
 * the profile of the token's purpose: silent where that profile leaves the claim optional (`jti` in an ID
 * token), saying so where it requires it.
 */
function createMissingRule(
  ruleId: string,
  claim: string,
  why: string,
  absent: (claims: JsonObject, name: string) => boolean = missing,
): TokenRule {
  const rule: TokenRule = ({ record }) => {
    const claims = usableClaims(record.token);
    if (!claims || !absent(claims, claim) || !missingMatters(record.purpose, claim, claims)) return NO_HITS;
    return [{ ruleId, detail: `No "${claim}" claim: ${why}${requiredBy(record.purpose, claim)}.` }];
  };
  Object.defineProperty(rule, 'name', { value: `check-${ruleId}` });
  return rule;
}

export const checkExpMissing = createMissingRule('exp-missing', 'exp', 'the token never expires');
export const checkIssMissing = createMissingRule('iss-missing', 'iss', 'keys cannot be bound to an issuer');
export const checkSubMissing = createMissingRule('sub-missing', 'sub', 'the token names no subject');
/**
 * Only an absent `aud`: RFC 7519 §4.1.3 makes a present `aud` a string or an array of strings, so
 * `aud: null` is malformed (`aud-invalid`), not missing.
 */
export const checkAudMissing = createMissingRule(
  'aud-missing',
  'aud',
  'any service trusting this issuer would accept the token',
  (claims, name) => !has(claims, name),
);
export const checkJtiMissing = createMissingRule(
  'jti-missing',
  'jti',
  'no handle for replay detection or revocation',
);
export const checkIatMissing = createMissingRule(
  'iat-missing',
  'iat',
  'its age and lifetime cannot be assessed',
);

function audProblem(aud: unknown): string | undefined {
  if (typeof aud === 'string') return aud.trim() === '' ? 'aud is an empty string' : undefined;
  if (!Array.isArray(aud)) return `aud is ${show(aud)}, not a string or an array of strings`;
  if (aud.length === 0) return 'aud is an empty array';
  const bad = aud.findIndex((a) => typeof a !== 'string' || a.trim() === '');
  return bad >= 0 ? `aud[${bad}] is ${show(aud[bad])}, not a non-empty string` : undefined;
}

/**
 * `aud-invalid`: `aud` present but not a string or an array of non-empty strings (CVE-2020-26160); a
 * present `null` too (RFC 7519 §4.1.3), which a verifier that reads it as absent accepts anywhere.
 */
export const checkAudInvalid: TokenRule = ({ record }) => {
  const claims = usableClaims(record.token);
  if (!claims || !has(claims, 'aud')) return NO_HITS;
  const problem = audProblem(claims.aud);
  return problem ? [{ ruleId: 'aud-invalid', detail: `${problem}.` }] : NO_HITS;
};

const AT_TYPES = new Set(['at+jwt', 'application/at+jwt']);
const AT_REQUIRED = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];
const AT_HINTS = ['scope', 'scp', 'client_id', 'cid', 'gty'];

/** Used as an OAuth access token: so guessed, or AT-looking claims sent as `Authorization` to an API. */
function usedAsAccessToken(ctx: RuleContext, claims: JsonObject): boolean {
  if (ctx.record.purpose === 'access') return true;
  // A DPoP proof travels beside an access token (RFC 9449 §7.1), never as one.
  if (ctx.record.purpose === 'dpop') return false;
  if (!AT_HINTS.some((h) => has(claims, h))) return false;
  return ctx.record.sightings.some(
    (s) => s.where === 'request-header' && s.name.toLowerCase() === 'authorization',
  );
}

/** The at-profile hits per header and per set of missing required claims (a bit per `AT_REQUIRED` entry). */
const atProfileHits = new WeakMap<JsonObject, Map<number, RuleHit[]>>();

/**
 * The hit for one header and set of missing claims. Info (the catalog default) for a token that does not
 * claim the profile: most issuers' access tokens (Entra ID, Okta, Cognito, Keycloak) are typed "JWT" by
 * design, and typing and missing claims have their own rules. Low for a token typed "at+jwt" that then
 * breaks the profile it claims.
 */
function atProfileHit(header: JsonObject, missingMask: number): RuleHit[] {
  const problems: string[] = [];
  const typ = header.typ;
  const claimsProfile = typeof typ === 'string' && AT_TYPES.has(typ.toLowerCase());
  if (!claimsProfile) problems.push(`typ is ${show(typ)}, not "at+jwt"`);
  const absent = AT_REQUIRED.filter((_, i) => (missingMask & (1 << i)) !== 0);
  if (absent.length > 0) problems.push(`missing ${listNames(absent)}`);
  if (problems.length === 0) return NO_HITS;
  const hit: RuleHit = {
    ruleId: 'at-profile-nonconformant',
    detail: `Used as an access token but not RFC 9068 conformant: ${problems.join('; ')}.`,
  };
  if (claimsProfile) hit.severity = 'low';
  return [hit];
}

/**
 * `at-profile-nonconformant`: an access token that does not follow RFC 9068 (typ and required claims).
 * The hit depends only on the header's `typ` and on which required claims are missing, so it is built
 * once per (header, missing set) and shared by all tokens that match.
 */
export const checkAtProfile: TokenRule = (ctx) => {
  const claims = usableClaims(ctx.record.token);
  const header = usableHeader(ctx.record.token);
  if (!claims || !header || !usedAsAccessToken(ctx, claims)) return NO_HITS;
  let mask = 0;
  for (let i = 0; i < AT_REQUIRED.length; i++) if (missing(claims, AT_REQUIRED[i] as string)) mask |= 1 << i;
  // Only a frozen header (as parsing makes every header) is sure to read the same next time.
  if (!Object.isFrozen(header)) return atProfileHit(header, mask);
  let byMask = atProfileHits.get(header);
  if (!byMask) {
    byMask = new Map();
    atProfileHits.set(header, byMask);
  }
  let hits = byMask.get(mask);
  if (!hits) {
    hits = sharedHits(atProfileHit(header, mask));
    byMask.set(mask, hits);
  }
  return hits;
};

/**
 * `logout-token-nonconformant`: a Back-Channel Logout token without the logout event in `events`, or with a
 * `nonce` (OIDC Back-Channel Logout 1.0 §2.4, §2.6): the two things that tell it apart from an ID token.
 * Missing `jti`/`iss`/`aud`/`iat`/`exp` are reported by their own rules, typing by `typ-not-explicit`.
 */
export const checkLogoutProfile: TokenRule = ({ record }) => {
  const claims = usableClaims(record.token);
  if (!claims || record.purpose !== 'logout') return NO_HITS;
  const problems: string[] = [];
  if (!hasLogoutEvent(claims)) problems.push('"events" does not hold the back-channel logout event');
  if (has(claims, 'nonce')) problems.push('it carries a "nonce", which logout tokens must not');
  if (problems.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'logout-token-nonconformant',
      detail: `Used as a logout token, but ${problems.join(' and ')}: an ID token could be passed off as one.`,
    },
  ];
};

/** Rules about the presence and shape of registered claims. */
export const CLAIM_RULES: readonly TokenRule[] = [
  checkExpMissing,
  checkIssMissing,
  checkSubMissing,
  checkAudMissing,
  checkAudInvalid,
  checkJtiMissing,
  checkIatMissing,
  checkAtProfile,
  checkLogoutProfile,
];
