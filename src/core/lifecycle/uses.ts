import { serviceOfUrl } from '../capture/url-parts';
import { isPresented } from '../rules/context/sighting-facts';
import { requestTimeOf } from '../rules/use-clock';
import type { Sighting } from '../types';
import { builtFactsService } from './facts-guard';
import { inTimeOrder, type RequestIndex, type Seen } from './request-index';
import type { ExchangeFacts, ServerVerdict, TokenUse } from './types';
import { verdictOf } from './verdict';

/**
 * Every use of every token (a sighting that presented it in a request: header, cookie, query, path or
 * body, not a `Referer`), with the server's verdict, in request order (uses with no time last).
 */
export function buildUses(index: RequestIndex): TokenUse[] {
  const uses: TokenUse[] = [];
  const times: number[] = [];
  // forEach and an indexed loop: no entry arrays or iterators per request (see `indexRequests`).
  index.sightings.forEach((seen, requestId) => {
    const facts = index.exchanges.get(requestId);
    for (let i = 0; i < seen.length; i++) {
      const { sighting, fingerprint } = seen[i] as Seen;
      if (!isPresented(sighting)) continue;
      const t = requestTimeOf(sighting);
      const verdict = verdictOf(typeof sighting.status === 'number' ? sighting.status : 0, facts);
      uses.push(new BuiltUse(sighting, fingerprint, requestId, t, verdict, facts));
      times.push(t ?? Number.POSITIVE_INFINITY);
    }
  });
  return inTimeOrder(uses, times);
}

/**
 * A use as `buildUses` makes it: plain fields, plus its request time in epoch seconds, which the lifecycle
 * rules read for every use. Private, so it is in no structured clone, JSON or equality check.
 */
class BuiltUse implements TokenUse {
  sightingId: string;
  fingerprint: string;
  requestId: string;
  at: string;
  service: string;
  verdict: ServerVerdict;
  readonly #seconds: number | undefined;
  constructor(
    sighting: Sighting,
    fingerprint: string,
    requestId: string,
    t: number | undefined,
    verdict: ServerVerdict,
    facts: ExchangeFacts | undefined,
  ) {
    this.sightingId = String(sighting.id);
    this.fingerprint = fingerprint;
    this.requestId = requestId;
    this.at = t === undefined ? '' : sighting.startedAt;
    this.service = serviceOf(sighting, facts);
    this.verdict = verdict;
    this.#seconds = t;
  }
  get seconds(): number | undefined {
    return this.#seconds;
  }
}

/**
 * Seconds since the epoch the use's request started (its `at`), or `undefined` when unknown: the time
 * `buildUses` already had, else (a use built elsewhere, a copy) its `at` parsed.
 */
export function useSeconds(use: TokenUse): number | undefined {
  if (use instanceof BuiltUse) return use.seconds;
  const ms = use.at ? Date.parse(use.at) : Number.NaN;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** Services already read, per sighting: the model is rebuilt on every change, the sightings stay. */
const SERVICES = new WeakMap<Sighting, string>();

/**
 * `host` + first path segment (`api.example.com/v1`), the unit `validation-inconsistent` compares. Read
 * once per request from the capture-built facts of its exchange when the sighting has its URL, else once
 * per sighting.
 */
export function serviceOf(sighting: Sighting, facts?: ExchangeFacts): string {
  const url = typeof sighting.url === 'string' ? sighting.url : '';
  const built = facts?.url === url ? builtFactsService(facts) : undefined;
  if (built !== undefined) return built;
  let service = SERVICES.get(sighting);
  if (service === undefined) {
    service = serviceOfUrl(url);
    SERVICES.set(sighting, service);
  }
  return service;
}
