import type { JsonObject, RuleContext, RuleHit, TokenRule } from '../../types';
import { has, listNames, NO_HITS, sharedHits, show, usableClaims, usableHeader } from './token-parts';

/** Absent or `null`: a claim that is there but null gives a verifier nothing to check either. */
function missing(claims: JsonObject, name: string): boolean {
  return !has(claims, name) || claims[name] === null;
}

/** A rule that fires when a registered claim is missing, with a reason specific to that claim. */
function createMissingRule(ruleId: string, claim: string, why: string): TokenRule {
  const rule: TokenRule = ({ record }) => {
    const claims = usableClaims(record.token);
    if (!claims || !missing(claims, claim)) return NO_HITS;
    return [{ ruleId, detail: `No "${claim}" claim: ${why}.` }];
  };
  Object.defineProperty(rule, 'name', { value: `check-${ruleId}` });
  return rule;
}

export const checkExpMissing = createMissingRule('exp-missing', 'exp', 'the token never expires');
export const checkIssMissing = createMissingRule('iss-missing', 'iss', 'keys cannot be bound to an issuer');
export const checkSubMissing = createMissingRule('sub-missing', 'sub', 'the token names no subject');
export const checkAudMissing = createMissingRule(
  'aud-missing',
  'aud',
  'any service trusting this issuer would accept the token',
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

/** `aud-invalid`: `aud` present but not a string or an array of non-empty strings (CVE-2020-26160). */
export const checkAudInvalid: TokenRule = ({ record }) => {
  const claims = usableClaims(record.token);
  if (!claims || missing(claims, 'aud')) return NO_HITS;
  const problem = audProblem(claims.aud);
  return problem ? [{ ruleId: 'aud-invalid', detail: `${problem}.` }] : NO_HITS;
};

const AT_TYPES = new Set(['at+jwt', 'application/at+jwt']);
const AT_REQUIRED = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];
const AT_HINTS = ['scope', 'scp', 'client_id', 'cid', 'gty'];

/** Used as an OAuth access token: so guessed, or AT-looking claims sent as `Authorization` to an API. */
function usedAsAccessToken(ctx: RuleContext, claims: JsonObject): boolean {
  if (ctx.record.purpose === 'access') return true;
  if (!AT_HINTS.some((h) => has(claims, h))) return false;
  return ctx.record.sightings.some(
    (s) => s.where === 'request-header' && s.name.toLowerCase() === 'authorization',
  );
}

/** The at-profile hits per header and per set of missing required claims (a bit per `AT_REQUIRED` entry). */
const atProfileHits = new WeakMap<JsonObject, Map<number, RuleHit[]>>();

function atProfileHit(header: JsonObject, missingMask: number): RuleHit[] {
  const problems: string[] = [];
  const typ = header.typ;
  if (!(typeof typ === 'string' && AT_TYPES.has(typ.toLowerCase())))
    problems.push(`typ is ${show(typ)}, not "at+jwt"`);
  const absent = AT_REQUIRED.filter((_, i) => (missingMask & (1 << i)) !== 0);
  if (absent.length > 0) problems.push(`missing ${listNames(absent)}`);
  if (problems.length === 0) return NO_HITS;
  const hit: RuleHit = {
    ruleId: 'at-profile-nonconformant',
    detail: `Used as an access token but not RFC 9068 conformant: ${problems.join('; ')}.`,
  };
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
];
