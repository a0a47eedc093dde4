import type { TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { cookieEvidence, cookieSightings, describeCookies, hasCookieSighting } from './cookie-facts';

/**
 * `cookie-no-httponly`: the token is kept in a cookie without `HttpOnly` (from `Set-Cookie`, or a HAR
 * cookie recorded `httpOnly: false`), so any script on the page, including injected ones, can read it.
 */
export const checkCookieHttpOnly: TokenRule = ({ record }) => {
  if (!hasCookieSighting(record.sightings)) return NO_HITS;
  const open = cookieSightings(record.sightings).filter((s) => !s.cookie.httpOnly);
  if (open.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'cookie-no-httponly',
      detail: `${describeCookies(open)} without HttpOnly: page scripts can read the token`,
      evidence: cookieEvidence(open),
      sightingIds: open.map((s) => s.id),
    },
  ];
};
