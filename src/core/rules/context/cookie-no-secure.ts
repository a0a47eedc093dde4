import type { RuleHit, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { cookieEvidence, cookieSightings, describeCookies, hasCookieSighting } from './cookie-facts';
import { LOOPBACK_ONLY, staysOnLoopback } from './hosts';
import { hostOf } from './sighting-facts';

/**
 * `cookie-no-secure`: medium when the token cookie lacks `Secure` (the browser will send it over plain
 * http; low when every such cookie belongs to a loopback host, whose traffic never leaves the machine), low when it is `Secure` but has no `__Host-`/`__Secure-` prefix (ASVS 3.3.1/3.3.3: without a
 * prefix a sibling subdomain or an http page can still overwrite it).
 */
export const checkCookieSecure: TokenRule = ({ record }) => {
  if (!hasCookieSighting(record.sightings)) return NO_HITS;
  const cookies = cookieSightings(record.sightings);
  const insecure = cookies.filter((s) => !s.cookie.secure);
  if (insecure.length > 0) {
    const local = staysOnLoopback(insecure.map(hostOf));
    const hit: RuleHit = {
      ruleId: 'cookie-no-secure',
      severity: local ? 'low' : 'medium',
      detail: `${describeCookies(insecure)} without Secure: the browser also sends it over plain http${local ? LOOPBACK_ONLY : ''}`,
      evidence: cookieEvidence(insecure),
      sightingIds: insecure.map((s) => s.id),
    };
    return [hit];
  }
  const unprefixed = cookies.filter((s) => !s.cookie.prefix);
  if (unprefixed.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'cookie-no-secure',
      severity: 'low',
      detail: `${describeCookies(unprefixed)} with Secure but without a __Host- or __Secure- name prefix`,
      evidence: cookieEvidence(unprefixed),
      sightingIds: unprefixed.map((s) => s.id),
    },
  ];
};
