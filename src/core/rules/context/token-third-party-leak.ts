import { parseUrlParts } from '../../capture/url-parts';
import type { JsonObject, Sighting, TokenRecord, TokenRule } from '../../types';
import { memoByName } from '../pii/name-memo';
import { effectiveClaims, NO_HITS } from '../token/token-parts';
import { hostOfIdentifier, registrableDomain } from './hosts';
import {
  countRequests,
  firstDistinct,
  hostOf,
  isHeaderNamed,
  isResponseSide,
  isSentToServer,
  listNames,
  maskUrl,
  unique,
} from './sighting-facts';

/** Sites the token legitimately belongs to: its `iss` and `aud` hosts (claims only for well-formed tokens). */
function claimSites(claims: JsonObject | undefined): string[] {
  if (!claims) return [];
  const values = [claims.iss, ...(Array.isArray(claims.aud) ? claims.aud : [claims.aud])];
  const sites: string[] = [];
  for (const value of values) {
    const host = typeof value === 'string' ? hostOfIdentifier(value) : undefined;
    if (host) sites.push(registrableDomain(host));
  }
  return sites;
}

/** Sites known to own the token: iss/aud, and the servers that handed it out (they minted or relayed it). */
function ownerSites(record: TokenRecord): Set<string> {
  const sites = new Set(claimSites(effectiveClaims(record.token)));
  for (const s of record.sightings)
    if (isResponseSide(s) && hostOf(s)) sites.add(registrableDomain(hostOf(s)));
  return sites;
}

/** Host of the page that made the request (`''` when unknown); pages repeat, so they are parsed once. */
const originHost = memoByName((origin) => parseUrlParts(origin).host);

function pageHost(s: Sighting): string {
  return s.initiatorOrigin ? originHost(s.initiatorOrigin) : '';
}

/** True when the request went to a site that is neither an owner nor the page that made it. */
function isForeign(s: Sighting, owners: ReadonlySet<string>): boolean {
  const host = hostOf(s);
  if (!host || !isSentToServer(s) || s.where === 'request-cookie') return false;
  const page = pageHost(s);
  if (owners.size === 0 && !page) return false; // nothing to compare with
  const site = registrableDomain(host);
  return !owners.has(site) && (!page || registrableDomain(page) !== site);
}

/** Sent to a server other than as a cookie, to a known host: cheap tests first, the URL parse last. */
function mayLeak(s: Sighting): boolean {
  return isSentToServer(s) && s.where !== 'request-cookie' && hostOf(s) !== '';
}

/**
 * A presentation in a request header other than `Referer` (`Authorization`, `apikey`, `X-Api-Key`…): how a
 * client hands a credential to the API it is for (RFC 6750 §2.1), or how a leaky interceptor spreads it.
 */
function isHeaderPresentation(s: Sighting): boolean {
  return s.where === 'request-header' && !isHeaderNamed(s, 'referer');
}

const UNKNOWN_OWNER =
  'the token names no site of its own (no iss or aud URL), so one of them may be the API it was issued for';

/**
 * What the leaks say when the token names no site of its own (an opaque token, or claims without an
 * `iss`/`aud` URL) and every leak is a header presentation: to one site, that site is, as far as the
 * capture can tell, the API it was issued for (an app on localhost calling its hosted API): no finding.
 * To several sites, some may be foreign: low, saying why it is unsure.
 */
function unknownOwnerSeverity(record: TokenRecord, leaks: Sighting[]): 'none' | 'low' | undefined {
  if (claimSites(effectiveClaims(record.token)).length > 0 || !leaks.every(isHeaderPresentation))
    return undefined;
  return unique(leaks.map((s) => registrableDomain(hostOf(s)))).length > 1 ? 'low' : 'none';
}

/**
 * `token-third-party-leak`: the token was sent to a site (registrable domain, see `registrableDomain`)
 * that is not its issuer's or audience's, not one that handed it out, and not the page's own: analytics,
 * CDNs, logging endpoints. Cookies are left out (the browser scopes them itself). A token that names no
 * site of its own and only went out in request headers is judged by `unknownOwnerSeverity`.
 */
export const checkTokenThirdPartyLeak: TokenRule = ({ record }) => {
  // Most sightings (pasted tokens, token lists, same-site APIs) cannot leak; skip the URL work for them.
  if (!record.sightings.some(mayLeak)) return NO_HITS;
  const owners = ownerSites(record);
  const leaks = record.sightings.filter((s) => isForeign(s, owners));
  if (leaks.length === 0) return NO_HITS;
  const hosts = unique(leaks.map(hostOf));
  const pages = unique(leaks.map(pageHost).filter(Boolean));
  const known = [...owners, ...pages.map(registrableDomain)];
  const unknownOwner = unknownOwnerSeverity(record, leaks);
  if (unknownOwner === 'none') return NO_HITS;
  const detail = `sent to ${listNames(hosts)} in ${countRequests(leaks)}; that site is none of the token's own (${listNames(unique(known))})`;
  return [
    {
      ruleId: 'token-third-party-leak',
      ...(unknownOwner ? { severity: 'low' as const } : {}),
      detail: unknownOwner ? `${detail}; ${UNKNOWN_OWNER}` : detail,
      evidence: [
        ...hosts.slice(0, 3).map((value) => ({ label: 'third-party host', value })),
        ...firstDistinct(leaks, (s) => `${s.where} ${s.name} → ${maskUrl(s.url)}`, 3).map((value) => ({
          label: 'sent as',
          value,
        })),
      ],
      sightingIds: leaks.map((s) => s.id),
    },
  ];
};
