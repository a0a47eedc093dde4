import type { Sighting, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { cookieSightings } from './cookie-facts';
import { countRequests, unique } from './sighting-facts';

/** Places where browser JavaScript necessarily handled the token. */
function isScriptVisible(s: Sighting): boolean {
  return (
    s.where === 'response-body' || s.where === 'request-body' || s.where === 'query' || s.where === 'fragment'
  );
}

/**
 * `refresh-token-exposed`: a refresh token the browser's scripts can get at (JSON body, URL, cookie
 * without HttpOnly), or one without an absolute expiry (ASVS 10.4.5, 10.4.8; RFC 9700 §4.14). The expiry
 * check needs claims, so malformed tokens only get the exposure checks.
 */
export const checkRefreshTokenExposed: TokenRule = ({ record }) => {
  if (record.purpose !== 'refresh') return NO_HITS;
  const visible = record.sightings.filter(isScriptVisible);
  const openCookies = cookieSightings(record.sightings).filter((s) => !s.cookie.httpOnly);
  const reasons: string[] = [];
  if (visible.length > 0) {
    const names = unique(visible.map((s) => `${s.where.replace('-', ' ')} ${s.name}`));
    reasons.push(`handled by page scripts (${names.slice(0, 3).join(', ')}) in ${countRequests(visible)}`);
  }
  if (openCookies.length > 0) {
    reasons.push(
      `kept in cookie ${unique(openCookies.map((s) => `"${s.name}"`)).join(', ')} without HttpOnly`,
    );
  }
  const { kind, claims } = record.token;
  const noExpiry = kind !== 'malformed' && kind !== 'jwe' && claims !== undefined && claims.exp === undefined;
  if (noExpiry) reasons.push('has no exp claim, so it never expires on its own');
  if (reasons.length === 0) return NO_HITS;
  const shown = [...visible, ...openCookies];
  return [
    {
      ruleId: 'refresh-token-exposed',
      detail: `refresh token ${reasons.join('; ')}`,
      evidence: unique(shown.map((s) => `${s.where}: ${s.name}`))
        .slice(0, 5)
        .map((value) => ({ label: 'seen at', value })),
      sightingIds: unique((shown.length > 0 ? shown : record.sightings).map((s) => s.id)),
    },
  ];
};
