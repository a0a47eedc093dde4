import { parseUrlParts } from '../capture/url-parts';
import { isPresented } from '../rules/context/sighting-facts';
import { requestTimeOf } from '../rules/use-clock';
import type { Sighting } from '../types';
import { inRequestOrder, type RequestIndex } from './request-index';
import type { TokenUse } from './types';
import { verdictOf } from './verdict';

/**
 * Every use of every token (a sighting that presented it in a request: header, cookie, query, path or
 * body, not a `Referer`), with the server's verdict, in request order (uses with no time last).
 */
export function buildUses(index: RequestIndex): TokenUse[] {
  const uses: { use: TokenUse; t: number | undefined }[] = [];
  for (const [requestId, seen] of index.sightings) {
    const facts = index.exchanges.get(requestId);
    for (const { sighting, fingerprint } of seen) {
      if (!isPresented(sighting)) continue;
      const t = requestTimeOf(sighting);
      const use: TokenUse = {
        sightingId: String(sighting.id),
        fingerprint,
        requestId,
        at: t === undefined ? '' : sighting.startedAt,
        service: serviceOf(sighting),
        verdict: verdictOf(typeof sighting.status === 'number' ? sighting.status : 0, facts),
      };
      uses.push({ use, t });
    }
  }
  return inRequestOrder(uses, (item) => item.t).map((item) => item.use);
}

/** Services already read, per sighting: the model is rebuilt on every change, the sightings stay. */
const SERVICES = new WeakMap<Sighting, string>();

/** `host` + first path segment (`api.example.com/v1`), the unit `validation-inconsistent` compares. */
export function serviceOf(sighting: Sighting): string {
  let service = SERVICES.get(sighting);
  if (service === undefined) {
    const parts = parseUrlParts(typeof sighting.url === 'string' ? sighting.url : '');
    const segment = parts.path.split('/', 2)[1] ?? '';
    service = segment ? `${parts.host}/${segment}` : parts.host;
    SERVICES.set(sighting, service);
  }
  return service;
}
