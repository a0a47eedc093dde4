import type { LifecycleRule, TokenUse } from '../../lifecycle/types';
import type { CaptureHit, Sighting, TokenRecord } from '../../types';
import { createIssuerClocks } from './issuer-clock';
import { describeUse, type SightingLookup, skewOf, soundClaims } from './lifecycle-facts';
import { createRuleIndex } from './rule-index';
import { revokedSince, type StateContext, stateAt, type TokenState } from './token-states';

/** A static asset: a cookie rides along to it, and its 200 says nothing about the token. */
const STATIC_ASSET = /\.(?:m?js|css|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|map)$/i;

/**
 * A rejection that is about the token's validity: RFC 6750 `invalid_token`, or a 401 without an error
 * code. A 403 without one (the user may not do this), `insufficient_scope` (the token is fine, its scope
 * is not) and `invalid_request` are about something else; 404 and 5xx are not rejections at all.
 */
export function isValidationRejection(use: TokenUse): boolean {
  const { verdict } = use;
  if (verdict.verdict !== 'rejected') return false;
  if (verdict.error) return verdict.error === 'invalid_token';
  return /\b401\b/.test(verdict.reason);
}

/** An acceptance that judged the token: not a cookie that merely rode along to a static file. */
function isJudgedAcceptance(use: TokenUse, sighting: Sighting | undefined): boolean {
  if (use.verdict.verdict !== 'accepted') return false;
  if (sighting?.where !== 'request-cookie') return true;
  return !STATIC_ASSET.test(sighting.url.split(/[?#]/)[0] ?? '');
}

interface Seen {
  /** Per state, per service: the first use of a token in that state, rejected or accepted. */
  rejected: Map<TokenState, Map<string, TokenUse>>;
  accepted: Map<TokenState, Map<string, TokenUse>>;
  /** Services that accepted a valid token of the issuer: they check tokens and let good ones through. */
  acceptsValid: Set<string>;
}

function note(map: Map<TokenState, Map<string, TokenUse>>, state: TokenState, use: TokenUse): void {
  const services = map.get(state) ?? new Map<string, TokenUse>();
  if (!services.has(use.service)) services.set(use.service, use);
  map.set(state, services);
}

/** What each service did with each issuer's tokens, by the tokens' state at each use. */
function gather(
  uses: readonly TokenUse[],
  byFp: ReadonlyMap<string, TokenRecord>,
  ctx: StateContext,
  sightingOf: SightingLookup,
  events: ReadonlySet<string>,
): Map<string, Seen> {
  const issuers = new Map<string, Seen>();
  for (const use of uses) {
    const record = byFp.get(use.fingerprint);
    if (!record || !use.service || events.has(use.requestId)) continue;
    const rejected = isValidationRejection(use);
    const accepted = !rejected && isJudgedAcceptance(use, sightingOf(use.sightingId));
    if (!rejected && !accepted) continue;
    const state = stateAt(record, use, ctx);
    if (state === undefined) continue;
    const claims = soundClaims(record);
    const iss = typeof claims?.iss === 'string' ? claims.iss : '';
    let seen = issuers.get(iss);
    if (!seen) {
      seen = { rejected: new Map(), accepted: new Map(), acceptsValid: new Set() };
      issuers.set(iss, seen);
    }
    if (state === 'valid') {
      if (accepted) seen.acceptsValid.add(use.service);
    } else note(rejected ? seen.rejected : seen.accepted, state, use);
  }
  return issuers;
}

/**
 * `validation-inconsistent` (high): tokens of one issuer in the same state (expired, unsigned, bad
 * signature, revoked) were refused by one service (host + first path segment) and accepted by another.
 * The refusing service counts only when it refused for the token (`invalid_token`, or a bare 401) and
 * accepted the issuer's valid tokens too, so its refusal was about that state; the accepting one only
 * when its answer judged the token (not a cookie riding to a static file). States are judged at each
 * request's time on the issuer's clock (`createIssuerClocks`).
 */
export const checkValidationInconsistent: LifecycleRule = (model, records, policy, signatures, index) => {
  // Without a refusal for the token no service disagrees: most captures, checked in one cheap pass.
  if (!model.uses.some(isValidationRejection)) return [];
  const { records: byFp, sightingOf, events } = index ?? createRuleIndex(model, records);
  const skew = skewOf(model, policy);
  const ctx: StateContext = {
    clocks: createIssuerClocks(model, byFp, skew),
    revoked: revokedSince(model, skew),
    signatures,
    skew,
  };
  const hits: CaptureHit[] = [];
  for (const [iss, seen] of gather(model.uses, byFp, ctx, sightingOf, events)) {
    for (const [state, accepting] of seen.accepted) {
      const refusing = [...(seen.rejected.get(state) ?? new Map<string, TokenUse>())].filter(([service]) =>
        seen.acceptsValid.has(service),
      );
      for (const [service, use] of accepting) {
        const other = refusing.find(([refuser]) => refuser !== service);
        if (other) hits.push(inconsistentHit(iss, state, use, other[1], sightingOf));
      }
    }
  }
  return hits;
};

function inconsistentHit(
  iss: string,
  state: TokenState,
  accepted: TokenUse,
  rejected: TokenUse,
  sightingOf: SightingLookup,
): CaptureHit {
  const whose = iss ? `of issuer ${iss}` : 'with no issuer';
  return {
    ruleId: 'validation-inconsistent',
    fingerprint: accepted.fingerprint,
    detail:
      `${state} tokens ${whose} are treated differently: ${rejected.service} refused one ` +
      `(${describeUse(rejected, sightingOf(rejected.sightingId))}) while ${accepted.service} accepted this one ` +
      `(${describeUse(accepted, sightingOf(accepted.sightingId))}); request time`,
    evidence: [
      { label: 'state', value: state },
      {
        label: 'refused by',
        value: `${rejected.service}: ${describeUse(rejected, sightingOf(rejected.sightingId))}`,
      },
      {
        label: 'accepted by',
        value: `${accepted.service}: ${describeUse(accepted, sightingOf(accepted.sightingId))}`,
      },
    ],
    sightingIds: [accepted.sightingId],
  };
}
