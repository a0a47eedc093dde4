import { DEFAULT_CLOCK_SKEW_SECONDS } from '../../lifecycle/build-lifecycle';
import type {
  FamilyRole,
  LifecycleEvent,
  LifecycleModel,
  ServerVerdict,
  TokenFamily,
  TokenUse,
} from '../../lifecycle/types';
import type { Policy, Sighting, TokenRecord } from '../../types';
import { describeRequest } from '../context/sighting-facts';
import { effectiveClaims } from '../token/token-parts';

/**
 * The skew the lifecycle decisions allow, seconds: the model's (what it was built with), else the
 * policy's `clockSkewSeconds`, else the default. Never negative.
 */
export function skewOf(model: LifecycleModel, policy: Policy): number {
  const fromPolicy = (policy as Policy & { clockSkewSeconds?: unknown }).clockSkewSeconds;
  for (const value of [model.skewSeconds, fromPolicy])
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return DEFAULT_CLOCK_SKEW_SECONDS;
}

/** An ISO request time as epoch seconds; `undefined` when unknown or unreadable. */
export function secondsOf(iso: string): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * From when a successful logout or revocation had taken effect, epoch seconds: once its answer arrived
 * (`endedAt`; a later request's time is read on the same browser clock, so no skew applies), else, its
 * duration unknown, its request time plus the skew (a request sent while it was in flight may still pass).
 */
export function effectiveSince(event: LifecycleEvent, skew: number): number | undefined {
  const ended = event.endedAt ? secondsOf(event.endedAt) : undefined;
  if (ended !== undefined) return ended;
  const at = secondsOf(event.at);
  return at === undefined ? undefined : at + skew;
}

/** A NumericDate claim when it is a finite number. */
export function numericClaim(claims: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = claims?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An ISO time for a detail, or `time unknown`. */
export function showTime(iso: string): string {
  return iso || 'time unknown';
}

/** `accepted (HTTP 200)`, `rejected (HTTP 401 invalid_token)`. */
export function showVerdict(verdict: ServerVerdict): string {
  return verdict.reason ? `${verdict.verdict} (${verdict.reason})` : verdict.verdict;
}

/** The sighting of a use, by sighting id. */
export type SightingLookup = (id: string) => Sighting | undefined;

/** Finds the sighting behind a use; the index is built on first need, once per rule run. */
export function createSightingLookup(records: readonly TokenRecord[]): SightingLookup {
  let index: Map<string, Sighting> | undefined;
  return (id) => {
    if (!index) {
      index = new Map();
      for (const record of records) for (const s of record.sightings) index.set(s.id, s);
    }
    return index.get(id);
  };
}

/**
 * A use for a detail or evidence: `2025-03-14T09:30:00Z GET https://api.example/v1/orders → 200, accepted
 * (HTTP 200)`. The URL is masked (no token, no query values); without its sighting, the service stands in.
 */
export function describeUse(use: TokenUse, sighting: Sighting | undefined): string {
  const request = sighting ? describeRequest(sighting) : `request ${use.requestId} to ${use.service || '?'}`;
  return `${showTime(use.at)} ${request}: ${showVerdict(use.verdict)}`;
}

/** The role a token plays in the families it belongs to (the first family that names it). */
export function familyRoles(families: readonly TokenFamily[]): Map<string, FamilyRole> {
  const out = new Map<string, FamilyRole>();
  for (const family of families)
    for (const member of family.members)
      if (!out.has(member.fingerprint)) out.set(member.fingerprint, member.role);
  return out;
}

/** True when the token is an ID token: issued as one (`id_token` of a token response), or so guessed. */
export function isIdToken(record: TokenRecord, roles: ReadonlyMap<string, FamilyRole>): boolean {
  const role = roles.get(record.token.fingerprint);
  return role === 'id' || (role === undefined && record.purpose === 'id');
}

/** Request ids of the logout and revocation requests: such a request judges the token it ends, not uses it. */
export function eventRequestIds(model: LifecycleModel): Set<string> {
  return new Set(model.events.map((event) => event.requestId));
}

/**
 * Claims a lifecycle rule may trust to describe the token: a well-formed token's (a nested JWT's inner
 * ones). A malformed copy (a HAR that cut a token short) says nothing about the token it came from.
 */
export function soundClaims(record: TokenRecord): Record<string, unknown> | undefined {
  return record.token.kind === 'malformed' ? undefined : effectiveClaims(record.token);
}
