import { lastMemberName } from '../capture/json-walk';
import { stripUrl } from '../capture/observations';
import { parseParams, parseUrlParts } from '../capture/url-parts';
import { isPresented } from '../rules/context/sighting-facts';
import { factsAt, factsEndedAt } from './facts-guard';
import { pushTo } from './group';
import { NO_SIGHTINGS, type RequestIndex, type Seen } from './request-index';
import type { ExchangeFacts, LifecycleEvent, TokenFamily } from './types';

/** Fingerprints one event covers at most: the model stays linear in its inputs whatever the chains. */
export const MAX_COVERS = 256;

/**
 * Logouts and revocations, in request order, with what each should have ended (`covers`): the token it
 * names (`id_token_hint`, RFC 7009 `token`) and the tokens the request presented (a `/logout` with the
 * session cookie), then their families and every family refreshed from them. Revoking an access token
 * covers that token alone: RFC 7009 §2.1 only lets (MAY) the server revoke the rest of its grant.
 */
export function buildEvents(index: RequestIndex, families: readonly TokenFamily[]): LifecycleEvent[] {
  const graph = familyGraph(families);
  const endpoints = knownEndpoints(index.ordered);
  const events: LifecycleEvent[] = [];
  const { ordered } = index;
  for (let i = 0; i < ordered.length; i++) {
    const facts = ordered[i] as ExchangeFacts;
    const seen = index.sightings.get(facts.requestId) ?? NO_SIGHTINGS;
    const kind = eventKind(facts, seen, endpoints);
    if (!kind) continue;
    const parts = parseUrlParts(facts.url);
    const named = namedTokens(kind, seen);
    const covers = new Set<string>();
    for (const s of named) covers.add(s.fingerprint);
    if (kind === 'logout') for (const s of seen) if (isPresented(s.sighting)) covers.add(s.fingerprint);
    const grown =
      kind === 'logout' ? [...covers] : named.filter((s) => isRefresh(s, graph)).map((s) => s.fingerprint);
    for (const fingerprint of grown) graph.addDescendants(fingerprint, covers);
    const event: LifecycleEvent = {
      kind,
      requestId: facts.requestId,
      at: factsAt(facts),
      how: howOf(kind, facts, parts.path),
      succeeded: succeeded(kind, facts),
      origin: parts.origin,
      covers: [...covers].slice(0, MAX_COVERS),
    };
    const endedAt = factsEndedAt(facts);
    if (endedAt !== undefined) event.endedAt = endedAt;
    events.push(event);
  }
  return events;
}

/** Origin and path of the logout and revocation endpoints the capture's discovery documents name. */
interface Endpoints {
  endSession: Set<string>;
  revocation: Set<string>;
}

function knownEndpoints(exchanges: readonly ExchangeFacts[]): Endpoints {
  const out: Endpoints = { endSession: new Set(), revocation: new Set() };
  for (let i = 0; i < exchanges.length; i++) {
    const facts = exchanges[i] as ExchangeFacts;
    if (facts.endpoints?.endSession) out.endSession.add(stripUrl(facts.endpoints.endSession));
    if (facts.endpoints?.revocation) out.revocation.add(stripUrl(facts.endpoints.revocation));
  }
  // A relative or unreadable endpoint gives '': it must not match every URL without an origin.
  out.endSession.delete('');
  out.revocation.delete('');
  return out;
}

/**
 * A logout or a revocation: as capture recognised it, or a request to an `end_session_endpoint`, or one
 * that sent a `token` to a `revocation_endpoint`, of a discovery document seen in the capture.
 */
function eventKind(
  facts: ExchangeFacts,
  seen: readonly Seen[],
  endpoints: Endpoints,
): LifecycleEvent['kind'] | undefined {
  if (facts.kind === 'logout' || facts.kind === 'revocation') return facts.kind;
  if (facts.kind === 'discovery' || (endpoints.endSession.size === 0 && endpoints.revocation.size === 0))
    return undefined;
  const base = stripUrl(facts.url);
  if (endpoints.endSession.has(base)) return 'logout';
  return endpoints.revocation.has(base) && namedTokens('revocation', seen).length > 0
    ? 'revocation'
    : undefined;
}

/** The token the request names: `id_token_hint` of a logout, `token` of a revocation. */
function namedTokens(kind: LifecycleEvent['kind'], seen: readonly Seen[]): Seen[] {
  const name = kind === 'logout' ? 'id_token_hint' : 'token';
  return seen.filter((s) => isPresented(s.sighting) && lastMemberName(String(s.sighting.name)) === name);
}

function isRefresh(seen: Seen, graph: FamilyGraph): boolean {
  return graph.roleOf(seen.fingerprint) === 'refresh' || seen.record.purpose === 'refresh';
}

function howOf(kind: LifecycleEvent['kind'], facts: ExchangeFacts, path: string): string {
  if (kind === 'revocation') return 'RFC 7009 revocation';
  const query = parseUrlParts(facts.url).query;
  const names = query ? parseParams(query).map((p) => p.name) : [];
  if (names.includes('id_token_hint')) return 'RP-initiated logout (id_token_hint)';
  if (names.includes('post_logout_redirect_uri')) return 'RP-initiated logout';
  if (facts.kind !== 'logout') return 'RP-initiated logout (end_session_endpoint)';
  return `${facts.method || 'GET'} ${path || '/'}`;
}

/**
 * A revocation succeeded on 2xx (RFC 7009 §2.2: 200 even for a token already invalid); a logout on 2xx or
 * a redirect (browsers are sent on to the post-logout page). An answer from a cache reached no server.
 */
function succeeded(kind: LifecycleEvent['kind'], facts: ExchangeFacts): boolean {
  if (facts.fromCache || facts.preflight || facts.status === 304) return false;
  if (facts.status >= 200 && facts.status < 300) return true;
  return kind === 'logout' && facts.status >= 300 && facts.status < 400;
}

interface FamilyGraph {
  roleOf(fingerprint: string): string | undefined;
  /** Adds to `out` the members of every family holding `fingerprint` and of every family refreshed from them. */
  addDescendants(fingerprint: string, out: Set<string>): void;
}

function familyGraph(families: readonly TokenFamily[]): FamilyGraph {
  const holding = new Map<string, TokenFamily[]>();
  const children = new Map<string, TokenFamily[]>();
  const roles = new Map<string, string>();
  for (const family of families) {
    for (const member of family.members) {
      pushTo(holding, member.fingerprint, family);
      if (!roles.has(member.fingerprint)) roles.set(member.fingerprint, member.role);
    }
    if (family.parent !== undefined) pushTo(children, family.parent, family);
  }
  return {
    roleOf: (fingerprint) => roles.get(fingerprint),
    addDescendants(fingerprint, out) {
      const stack = [...(holding.get(fingerprint) ?? [])];
      const done = new Set<string>();
      while (stack.length > 0 && out.size < MAX_COVERS) {
        const family = stack.pop() as TokenFamily;
        if (done.has(family.id)) continue;
        done.add(family.id);
        for (const member of family.members) out.add(member.fingerprint);
        for (const child of children.get(family.id) ?? []) stack.push(child);
      }
    },
  };
}
