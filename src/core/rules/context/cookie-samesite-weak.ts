import type { TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import {
  type CookieSighting,
  cookieEvidence,
  cookieSightings,
  describeCookies,
  hasCookieSighting,
} from './cookie-facts';

/**
 * Why the cookie's SameSite is weak, or `undefined` when it is `Lax`/`Strict` (or unknown). An absent
 * attribute only counts for a parsed `Set-Cookie`: HAR cookie records often omit it even when it was sent.
 * `no_restriction`/`unspecified` are Chrome's names for `None`/absent.
 */
function weakness(s: CookieSighting): string | undefined {
  const value = s.cookie.sameSite;
  if (value === undefined || value === 'unspecified')
    return s.where === 'set-cookie' ? 'no SameSite' : undefined;
  if (value === 'none' || value === 'no_restriction') return 'SameSite=None';
  if (value === 'lax' || value === 'strict') return undefined;
  return `an unrecognised SameSite=${value} (treated as absent)`;
}

/** `cookie-samesite-weak`: the token cookie goes along with cross-site requests (CSRF, cross-site leaks). */
export const checkCookieSameSite: TokenRule = ({ record }) => {
  if (!hasCookieSighting(record.sightings)) return NO_HITS;
  const weak = cookieSightings(record.sightings).filter((s) => weakness(s) !== undefined);
  if (weak.length === 0) return NO_HITS;
  const reasons = [...new Set(weak.map((s) => weakness(s)))].join(' / ');
  return [
    {
      ruleId: 'cookie-samesite-weak',
      detail: `${describeCookies(weak)} with ${reasons}: sent on cross-site requests`,
      evidence: cookieEvidence(weak),
      sightingIds: weak.map((s) => s.id),
    },
  ];
};
