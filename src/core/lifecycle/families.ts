import { lastMemberName } from '../capture/json-walk';
import { stripUrl } from '../capture/observations';
import { mayNameToken, tokenFieldRole } from '../capture/opaque-tokens';
import { parseParams, parseUrlOrPath } from '../capture/url-parts';
import { isPresented } from '../rules/context/sighting-facts';
import { factsAt } from './facts-guard';
import { NO_SIGHTINGS, type RequestIndex, type Seen } from './request-index';
import type { ExchangeFacts, FamilyRole, TokenFamily } from './types';

/**
 * The token families of a capture (tokens issued together by one response: access + ID + refresh, roles
 * from the JSON member names, RFC 6749 §5.1, OIDC Core §3.1.3.3), with their refresh chains (RFC 6749 §6:
 * the family whose refresh token the grant presented) and the authorization request that started each
 * code flow (the code's callback `state`, else its `redirect_uri`). Tokens an authorization response
 * put in its redirect (implicit and hybrid flows) make a family too, tied to the request by `state`. One pass over the exchanges in
 * request order; ids `f1`, `f2`… in order of issue.
 */
export function buildFamilies(index: RequestIndex): TokenFamily[] {
  const flows = createFlowMatcher();
  const families: TokenFamily[] = [];
  /** The latest family each token was issued in. */
  const latest = new Map<string, TokenFamily>();
  const { ordered } = index;
  for (let i = 0; i < ordered.length; i++) {
    const facts = ordered[i] as ExchangeFacts;
    flows.see(facts);
    const seen = index.sightings.get(facts.requestId) ?? NO_SIGHTINGS;
    const body = issuedMembers(seen);
    const front = body.length === 0 ? frontChannel(facts, seen) : undefined;
    const members = front?.members ?? body;
    if (members.length === 0) continue;
    const family: TokenFamily = {
      id: `f${families.length + 1}`,
      issuedBy: facts.requestId,
      issuedAt: factsAt(facts),
      members,
    };
    if (facts.grantType !== undefined) family.grantType = facts.grantType;
    if (facts.expiresIn !== undefined) family.expiresIn = facts.expiresIn;
    linkRefresh(family, facts, seen, latest);
    if (facts.grantType === 'authorization_code' && facts.code) {
      family.code = facts.code;
      const authorization = flows.authorizationOf(facts.code);
      if (authorization !== undefined) family.authorization = authorization;
    }
    if (front) {
      if (facts.code) family.code = facts.code;
      const authorization =
        facts.kind === 'authorize' ? facts.requestId : flows.authorizationOfState(front.state);
      if (authorization !== undefined) family.authorization = authorization;
    }
    for (const member of members) latest.set(member.fingerprint, family);
    families.push(family);
  }
  return families;
}

/** Tokens the response issued in token-named JSON members, each once, with its role. */
function issuedMembers(seen: readonly Seen[]): TokenFamily['members'] {
  const members: TokenFamily['members'] = [];
  for (let i = 0; i < seen.length; i++) {
    const { sighting, fingerprint } = seen[i] as Seen;
    if (sighting.where !== 'response-body') continue;
    const role: FamilyRole | undefined = tokenFieldRole(lastMemberName(String(sighting.name)));
    if (role && !members.some((m) => m.fingerprint === fingerprint)) members.push({ fingerprint, role });
  }
  return members;
}

/**
 * Tokens an authorization response issued in its redirect (implicit and hybrid flows, OIDC Core §3.2.2.5,
 * §3.3.2.5: `#id_token=…&access_token=…&state=…` in the `Location`), with the `state` that came back.
 */
function frontChannel(
  facts: ExchangeFacts,
  seen: readonly Seen[],
): { members: TokenFamily['members']; state: string | undefined } | undefined {
  const location = facts.location;
  if (!location || !mayNameToken(location)) return undefined;
  const parts = parseUrlOrPath(location);
  const params = parseParams(parts.query).concat(parseParams(parts.fragment ?? ''));
  const members: TokenFamily['members'] = [];
  for (const param of params) {
    const role = tokenFieldRole(param.name);
    const issued =
      role &&
      seen.find((s) => s.sighting.where === 'response-header' && s.sighting.tokenText === param.value);
    if (role && issued && !members.some((m) => m.fingerprint === issued.fingerprint))
      members.push({ fingerprint: issued.fingerprint, role });
  }
  return { members, state: params.find((p) => p.name === 'state')?.value };
}

/** A refresh grant: the refresh token it presented, and the family that token came from. */
function linkRefresh(
  family: TokenFamily,
  facts: ExchangeFacts,
  seen: readonly Seen[],
  latest: ReadonlyMap<string, TokenFamily>,
): void {
  if (facts.grantType !== 'refresh_token') return;
  const presented = seen.filter((s) => isPresented(s.sighting));
  const named = presented.find((s) => tokenFieldRole(lastMemberName(String(s.sighting.name))) === 'refresh');
  const refresh = named ?? presented.find((s) => s.sighting.where === 'request-body');
  if (!refresh) return;
  family.refreshedWith = refresh.fingerprint;
  const parent = latest.get(refresh.fingerprint);
  if (parent) family.parent = parent.id;
}

/** Follows authorization requests and the codes that come back, to tell which request a code answers. */
function createFlowMatcher() {
  const byState = new Map<string, string>();
  const byRedirect = new Map<string, string>();
  const byCode = new Map<string, string>();
  return {
    see(facts: ExchangeFacts): void {
      const params = facts.kind === 'authorize' ? facts.authorization : undefined;
      if (params?.state !== undefined) byState.set(params.state, facts.requestId);
      const redirect = params?.redirectUri ? stripUrl(params.redirectUri) : '';
      if (redirect) byRedirect.set(redirect, facts.requestId);
      if (!facts.code || facts.kind === 'token') return;
      const from =
        facts.kind === 'authorize'
          ? facts.requestId
          : facts.returnedState !== undefined
            ? byState.get(facts.returnedState)
            : byRedirect.get(stripUrl(facts.location ?? facts.url));
      if (from !== undefined) byCode.set(facts.code, from);
    },
    authorizationOf(code: string): string | undefined {
      return byCode.get(code);
    },
    authorizationOfState(state: string | undefined): string | undefined {
      return state === undefined ? undefined : byState.get(state);
    },
  };
}
