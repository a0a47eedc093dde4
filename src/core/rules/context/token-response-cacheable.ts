import type { Sighting, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { countRequests, describeRequest, firstDistinct, isResponseSide, unique } from './sighting-facts';

/** Statuses a cache may store without explicit freshness (RFC 9111 §4.2.2 heuristics apply to these). */
function isCacheableStatus(status: number): boolean {
  return (status >= 200 && status < 300) || status === 301 || status === 308;
}

function isCacheable(s: Sighting): boolean {
  if (!isResponseSide(s) || s.responseCacheControl === undefined || !isCacheableStatus(s.status))
    return false;
  return !/(?:^|[\s,])no-store(?:$|[\s,;=])/i.test(s.responseCacheControl);
}

/**
 * `token-response-cacheable`: a response that delivered the token (body, header or `Set-Cookie`) did not
 * say `Cache-Control: no-store` (RFC 6749 §5.1 requires it of token responses), so browser, proxy or CDN
 * caches may keep a copy.
 */
export const checkTokenResponseCacheable: TokenRule = ({ record }) => {
  if (!record.sightings.some(isCacheable)) return NO_HITS;
  const cacheable = record.sightings.filter(isCacheable);
  const sent = unique(cacheable.map((s) => s.responseCacheControl ?? ''));
  const caching =
    sent.length === 1 && sent[0] === ''
      ? 'no Cache-Control header'
      : `Cache-Control ${sent.map((c) => `"${c || '(none)'}"`).join(' / ')}`;
  return [
    {
      ruleId: 'token-response-cacheable',
      detail: `returned in ${countRequests(cacheable)} (${describeRequest(cacheable[0] as Sighting)}) with ${caching}, not no-store`,
      evidence: [
        ...firstDistinct(cacheable, describeRequest, 3).map((value) => ({ label: 'response', value })),
        ...sent.slice(0, 3).map((value) => ({ label: 'Cache-Control', value: value || '(absent)' })),
      ],
      sightingIds: cacheable.map((s) => s.id),
    },
  ];
};
