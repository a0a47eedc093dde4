import { isRecord } from '../capture/guards';
import { serviceOfUrl } from '../capture/url-parts';
import type { AuthorizationParams, ExchangeFacts, ExchangeKind } from './types';

const KINDS: ReadonlySet<string> = new Set<ExchangeKind>([
  'authorize',
  'token',
  'logout',
  'revocation',
  'discovery',
  'callback',
  'use',
]);
const STRINGS = ['wwwAuthenticate', 'location', 'grantType', 'oauthError', 'code', 'returnedState'] as const;
const PARAMS = [
  'clientId',
  'responseType',
  'redirectUri',
  'scope',
  'state',
  'nonce',
  'codeChallengeMethod',
] as const;

/**
 * Cleaned facts per raw object, and their request time (seconds; `NaN` when unknown). The auditor keeps
 * the same facts objects from build to build, so each is checked and its time parsed once, not on every
 * rebuild of the model. Weak: facts the auditor drops take their entry with them.
 */
const CLEAN = new WeakMap<object, ExchangeFacts | null>();
const TIMES = new WeakMap<ExchangeFacts, number>();

/**
 * Facts capture built in this realm (`exchangeFactsOf`): well typed by construction, so the model takes
 * them as they are. A structured clone (facts from a worker or the DevTools page) is a plain object, and
 * so are facts built by hand: those are cleaned. Only the required fields are set here, in the order a
 * literal would have them; capture adds the optional ones.
 */
class BuiltFacts {
  requestId: string;
  kind: ExchangeKind;
  method: string;
  url: string;
  status: number;
  startedAt: string;
  /** `startedAt` in epoch seconds once read (`NaN`: unreadable); private, so in no clone or JSON. */
  #seconds: number | undefined;
  /** `serviceOfUrl(url)` once read, for the uses of this request; private likewise. */
  #service: string | undefined;
  constructor(base: ExchangeFacts) {
    this.requestId = base.requestId;
    this.kind = base.kind;
    this.method = base.method;
    this.url = base.url;
    this.status = base.status;
    this.startedAt = base.startedAt;
  }
  get seconds(): number {
    if (this.#seconds === undefined) this.#seconds = isoSeconds(this.startedAt);
    return this.#seconds;
  }
  get service(): string {
    if (this.#service === undefined) this.#service = serviceOfUrl(this.url);
    return this.#service;
  }
}

/** An ISO time in epoch seconds, `NaN` when absent or unreadable. */
function isoSeconds(iso: string): number {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms / 1000 : Number.NaN;
}

/** Facts the core builds itself, which the model trusts as they are (see `BuiltFacts`). */
export function builtFacts(base: ExchangeFacts): ExchangeFacts {
  return new BuiltFacts(base);
}

/** `cleanFacts`, memoised per raw object; facts the core built itself as they are. */
export function trustedFacts(raw: unknown): ExchangeFacts | undefined {
  if (raw instanceof BuiltFacts) return raw;
  if (typeof raw !== 'object' || raw === null) return undefined;
  let facts = CLEAN.get(raw);
  if (facts === undefined) {
    facts = cleanFacts(raw) ?? null;
    CLEAN.set(raw, facts);
  }
  return facts ?? undefined;
}

/** Seconds since the epoch the exchange's request started, or `undefined` when unknown. */
export function factsTime(facts: ExchangeFacts): number | undefined {
  let t = facts instanceof BuiltFacts ? facts.seconds : TIMES.get(facts);
  if (t === undefined) {
    t = isoSeconds(facts.startedAt);
    TIMES.set(facts, t);
  }
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The service (`serviceOfUrl`) of the exchange's URL, read once per capture-built facts object (the
 * auditor keeps those from build to build); `undefined` for facts built elsewhere.
 */
export function builtFactsService(facts: ExchangeFacts): string | undefined {
  return facts instanceof BuiltFacts ? facts.service : undefined;
}

/** The exchange's ISO time as given when it is readable, else `''`. */
export function factsAt(facts: ExchangeFacts): string {
  return factsTime(facts) === undefined ? '' : facts.startedAt;
}

/** ISO time the exchange's answer arrived, when its start and duration are known and a Date can hold it. */
export function factsEndedAt(facts: ExchangeFacts): string | undefined {
  const start = factsTime(facts);
  if (start === undefined || facts.durationMs === undefined) return undefined;
  const end = new Date(start * 1000 + facts.durationMs);
  return Number.isFinite(end.getTime()) ? end.toISOString() : undefined;
}

/**
 * Exchange facts as the model may trust them: capture makes them well typed, but they also cross worker
 * boundaries and are built by hand. A record without a string `requestId` or a known `kind` is dropped
 * (`undefined`); optional fields of the wrong type are left out. Linear, one object per exchange.
 */
export function cleanFacts(raw: unknown): ExchangeFacts | undefined {
  if (
    !isRecord(raw) ||
    typeof raw.requestId !== 'string' ||
    typeof raw.kind !== 'string' ||
    !KINDS.has(raw.kind)
  )
    return undefined;
  const facts: ExchangeFacts = {
    requestId: raw.requestId,
    kind: raw.kind as ExchangeKind,
    method: typeof raw.method === 'string' ? raw.method : '',
    url: typeof raw.url === 'string' ? raw.url : '',
    status: typeof raw.status === 'number' && Number.isFinite(raw.status) ? raw.status : 0,
    startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : '',
  };
  for (const key of STRINGS) if (typeof raw[key] === 'string') facts[key] = raw[key];
  if (raw.fromCache === true) facts.fromCache = true;
  if (raw.preflight === true) facts.preflight = true;
  if (typeof raw.expiresIn === 'number' && Number.isFinite(raw.expiresIn)) facts.expiresIn = raw.expiresIn;
  if (typeof raw.durationMs === 'number' && Number.isFinite(raw.durationMs) && raw.durationMs >= 0)
    facts.durationMs = raw.durationMs;
  if (isRecord(raw.authorization)) facts.authorization = cleanParams(raw.authorization);
  if (isRecord(raw.endpoints)) {
    const { endSession, revocation } = raw.endpoints;
    const endpoints: NonNullable<ExchangeFacts['endpoints']> = {};
    if (typeof endSession === 'string') endpoints.endSession = endSession;
    if (typeof revocation === 'string') endpoints.revocation = revocation;
    facts.endpoints = endpoints;
  }
  return facts;
}

function cleanParams(raw: Record<string, unknown>): AuthorizationParams {
  const out: AuthorizationParams = {};
  for (const key of PARAMS) if (typeof raw[key] === 'string') out[key] = raw[key];
  return out;
}
