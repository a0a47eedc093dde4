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
  const uses: TokenUse[] = [];
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
      USE_TIMES.set(use, t ?? Number.NaN);
      uses.push(use);
    }
  }
  return inRequestOrder(uses, useSeconds);
}

/** Request time of each use, epoch seconds (`NaN`: none): the lifecycle rules read it for every use. */
const USE_TIMES = new WeakMap<TokenUse, number>();

/**
 * Seconds since the epoch the use's request started (its `at`), or `undefined` when unknown. Read once:
 * `buildUses` records the time it already has; a use built elsewhere has its `at` parsed on first ask.
 */
export function useSeconds(use: TokenUse): number | undefined {
  let t = USE_TIMES.get(use);
  if (t === undefined) {
    const ms = use.at ? Date.parse(use.at) : Number.NaN;
    t = Number.isFinite(ms) ? ms / 1000 : Number.NaN;
    USE_TIMES.set(use, t);
  }
  return Number.isNaN(t) ? undefined : t;
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
