import { parseUrlParts } from '../capture/url-parts';
import { isPresented } from '../rules/context/sighting-facts';
import type { Sighting } from '../types';
import { inRequestOrder, type RequestIndex, readableTime } from './request-index';
import type { TokenUse } from './types';
import { verdictOf } from './verdict';

/**
 * Every use of every token (a sighting that presented it in a request: header, cookie, query, path or
 * body, not a `Referer`), with the server's verdict, in request order (uses with no time last).
 */
export function buildUses(index: RequestIndex): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const [requestId, seen] of index.sightings) {
    const facts = index.exchanges.get(requestId);
    for (const { sighting, fingerprint } of seen) {
      if (!isPresented(sighting)) continue;
      uses.push({
        sightingId: String(sighting.id),
        fingerprint,
        requestId,
        at: readableTime(sighting.startedAt),
        service: serviceOf(sighting),
        verdict: verdictOf(typeof sighting.status === 'number' ? sighting.status : 0, facts),
      });
    }
  }
  return inRequestOrder(uses, (use) => use.at);
}

/** `host` + first path segment (`api.example.com/v1`), the unit `validation-inconsistent` compares. */
export function serviceOf(sighting: Sighting): string {
  const parts = parseUrlParts(typeof sighting.url === 'string' ? sighting.url : '');
  const segment = parts.path.split('/', 2)[1] ?? '';
  return segment ? `${parts.host}/${segment}` : parts.host;
}
