import type { Sighting, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import {
  countRequests,
  firstDistinct,
  hostOf,
  isHeaderNamed,
  listNames,
  maskUrl,
  unique,
} from './sighting-facts';

/** True when the sighting puts the token in a URL: its own, a `Referer`, or a redirect `Location`. */
function isInUrl(s: Sighting): boolean {
  if (s.where === 'query' || s.where === 'path' || s.where === 'fragment') return true;
  return (
    (s.where === 'request-header' && isHeaderNamed(s, 'referer')) ||
    (s.where === 'response-header' && isHeaderNamed(s, 'location'))
  );
}

/** Where in the URL, in words: `query parameter "access_token"`, `Referer header`. */
function describePlace(s: Sighting): string {
  if (s.where === 'query') return `query parameter "${s.name}"`;
  if (s.where === 'fragment') return s.name === '#' ? 'fragment' : `fragment parameter "${s.name}"`;
  if (s.where === 'path') return `path ${s.name}`;
  return s.where === 'request-header' ? 'Referer header' : 'redirect Location header';
}

/**
 * `token-in-url`: the token sits in a URL (query, path, fragment), or in a `Referer`/`Location` URL, where
 * server logs, proxies, browser history and later `Referer` headers all keep a copy (RFC 6750 §5.3,
 * RFC 9700 §4.2–4.3).
 */
export const checkTokenInUrl: TokenRule = ({ record }) => {
  if (!record.sightings.some(isInUrl)) return NO_HITS;
  const inUrl = record.sightings.filter(isInUrl);
  const places = unique(inUrl.map(describePlace));
  const hosts = unique(inUrl.map((s) => hostOf(s) || '(unknown host)'));
  return [
    {
      ruleId: 'token-in-url',
      detail: `in the URL (${listNames(places)}) of ${countRequests(inUrl)} to ${listNames(hosts)}`,
      evidence: [
        ...places.slice(0, 3).map((value) => ({ label: 'place', value })),
        ...firstDistinct(inUrl, (s) => maskUrl(s.url), 3).map((value) => ({ label: 'URL', value })),
      ],
      sightingIds: inUrl.map((s) => s.id),
    },
  ];
};
