import type { Baseline } from '../baseline/types';
import { parseUrlParts } from '../capture/url-parts';
import { isLoopbackHost } from '../rules/context/hosts';
import { hostOf, listNames } from '../rules/context/sighting-facts';
import { formatDuration } from '../rules/token/format-duration';
import { claimsLayer } from '../token/claims-layer';
import type { AuditResult, Sighting, TokenRecord } from '../types';
import type { EvidenceKind } from './evidence-kinds';

/** What a kind of check could look at in a capture, with one phrase saying it. */
export interface Population {
  tokens: Set<string>;
  sightings: Set<string>;
  requests: Set<string>;
  hosts: Set<string>;
  /** `212 token sightings in 180 requests to 14 hosts, all over HTTPS`; `''` when empty. */
  phrase: string;
}

/** What a kind names when the capture holds none of it: "no token cookies". */
export const ABSENT: Record<EvidenceKind, string> = {
  network: 'no token sent over the network',
  cookies: 'no token cookie with recorded attributes',
  responses: 'no response that handed out a token',
  storage: 'no token read from web storage',
  signed: 'no JWS token',
  hmac: 'no HMAC-signed token',
  verified: 'no signature checked against the issuer’s keys (no JWKS seen or given)',
  jwe: 'no encrypted token',
  claims: 'no token with readable claims',
  lifetime: 'no token with readable claims',
  refresh: 'no refresh token',
  verdicts: 'no token use with a known server verdict',
  logout: 'no logout or revocation',
  'id-tokens': 'no ID token',
  requests: 'no request',
  baseline: 'no token compared with a baseline',
  probes: 'no probe run',
};

const NETWORK_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const ENCRYPTED = new Set(['https', 'wss']);
const COOKIE_PLACES = new Set(['set-cookie', 'request-cookie']);
/** Where a request presents a token to a server. */
const PRESENTED = new Set(['request-header', 'request-cookie', 'query', 'fragment', 'path', 'request-body']);
const RESPONSE_PLACES = new Set(['set-cookie', 'response-body', 'response-header']);
const VERIFICATION_RULES = new Set([
  'sig-verified',
  'sig-invalid',
  'key-alg-mismatch',
  'alg-confusion-forged',
]);

/** A population with nothing in it. */
export function emptyPopulation(): Population {
  return { tokens: new Set(), sightings: new Set(), requests: new Set(), hosts: new Set(), phrase: '' };
}

/** `1 token`, `3 tokens`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function addSighting(pop: Population, s: Sighting, fingerprint: string): void {
  pop.tokens.add(fingerprint);
  pop.sightings.add(s.id);
  if (s.requestId) pop.requests.add(s.requestId);
  const host = hostOf(s);
  if (host) pop.hosts.add(host);
}

function ofSightings(result: AuditResult, keep: (s: Sighting) => boolean): Population {
  const pop = emptyPopulation();
  for (const record of result.tokens) {
    for (const s of record.sightings) if (keep(s)) addSighting(pop, s, record.token.fingerprint);
  }
  return pop;
}

function ofTokens(records: readonly TokenRecord[], keep: (r: TokenRecord) => boolean): Population {
  const pop = emptyPopulation();
  for (const record of records) {
    if (!keep(record)) continue;
    pop.tokens.add(record.token.fingerprint);
    for (const s of record.sightings) addSighting(pop, s, record.token.fingerprint);
  }
  return pop;
}

export const onHosts = (pop: Population) =>
  pop.hosts.size > 0 ? ` on ${plural(pop.hosts.size, 'host')}` : '';

function networkPhrase(pop: Population, result: AuditResult): string {
  let clear = 0;
  let local = 0;
  const schemes = new Set<string>();
  for (const record of result.tokens) {
    for (const s of record.sightings) {
      if (!pop.sightings.has(s.id)) continue;
      schemes.add(s.scheme);
      if (ENCRYPTED.has(s.scheme)) continue;
      clear++;
      if (isLoopbackHost(hostOf(s))) local++;
    }
  }
  const how =
    clear > 0
      ? `${clear} of them unencrypted (http/ws)${local === clear ? ', on loopback hosts only' : ''}`
      : schemes.has('wss')
        ? 'all over TLS (HTTPS/WSS)'
        : 'all over HTTPS';
  return `${plural(pop.sightings.size, 'token sighting')} in ${plural(pop.requests.size, 'request')}${onHosts(pop)}, ${how}`;
}

function algsOf(result: AuditResult, pop: Population): string {
  const algs = new Set<string>();
  for (const record of result.tokens) {
    const alg = record.token.header?.alg;
    if (pop.tokens.has(record.token.fingerprint) && typeof alg === 'string') algs.add(alg);
  }
  const list = [...algs].sort();
  return list.length === 0 ? '' : ` (${list.slice(0, 5).join(', ')}${list.length > 5 ? '…' : ''})`;
}

/** Seconds a token is valid for, from its claims (`exp − iat`, else `exp − nbf`); `undefined` if unknown. */
export function lifetimeSeconds(record: TokenRecord): number | undefined {
  const claims = claimsLayer(record.token).claims;
  const exp = claims?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  const start = typeof claims?.iat === 'number' ? claims.iat : claims?.nbf;
  return typeof start === 'number' && Number.isFinite(start) ? exp - start : undefined;
}

function lifetimePhrase(result: AuditResult, pop: Population): string {
  let withExp = 0;
  let longest = -1;
  for (const record of result.tokens) {
    if (!pop.tokens.has(record.token.fingerprint)) continue;
    if (typeof claimsLayer(record.token).claims?.exp === 'number') withExp++;
    longest = Math.max(longest, lifetimeSeconds(record) ?? -1);
  }
  const n = pop.tokens.size;
  const expiry =
    withExp === n
      ? n === 1
        ? 'it expires'
        : 'every one expires'
      : `${withExp} of them expire${withExp === 1 ? 's' : ''}`;
  const within = longest >= 0 ? `; the longest lives ${formatDuration(longest)}` : '';
  return `${plural(n, 'token')} with readable claims; ${expiry}${within}`;
}

/**
 * Token presentations the server answered: what the acceptance rules judge (a 2xx to a bad token), and
 * the uses the lifecycle model gave a verdict.
 */
function verdictPopulation(result: AuditResult): Population {
  const pop = ofSightings(result, (s) => PRESENTED.has(s.where) && s.status > 0);
  let accepted = 0;
  for (const record of result.tokens) {
    for (const s of record.sightings)
      if (pop.sightings.has(s.id) && s.status >= 200 && s.status < 300) accepted++;
  }
  for (const use of result.lifecycle?.uses ?? []) {
    if (use.verdict.verdict === 'unknown' || pop.sightings.has(use.sightingId)) continue;
    if (use.verdict.verdict === 'accepted') accepted++;
    pop.tokens.add(use.fingerprint);
    pop.sightings.add(use.sightingId);
    pop.requests.add(use.requestId);
  }
  const uses = pop.sightings.size;
  pop.phrase = uses
    ? `${plural(uses, 'token presentation')} the server answered (${accepted} with success)${onHosts(pop)}`
    : '';
  return pop;
}

function logoutPopulation(result: AuditResult): Population {
  const pop = emptyPopulation();
  const events = result.lifecycle?.events ?? [];
  for (const event of events) {
    pop.requests.add(event.requestId);
    for (const fp of event.covers) pop.tokens.add(fp);
    const host = parseUrlParts(event.origin).host;
    if (host) pop.hosts.add(host);
  }
  pop.phrase = events.length
    ? `${plural(events.length, 'logout or revocation event')} covering ${plural(pop.tokens.size, 'token')}`
    : '';
  return pop;
}

function requestPopulation(result: AuditResult): Population {
  const pop = ofSightings(result, () => true);
  for (const o of result.observations) {
    pop.requests.add(o.requestId);
    const host = parseUrlParts(o.url).host;
    if (host) pop.hosts.add(host);
  }
  pop.tokens.clear();
  pop.sightings.clear();
  pop.phrase = pop.requests.size ? `${plural(pop.requests.size, 'request')}${onHosts(pop)}` : '';
  return pop;
}

const COMPARED = new Set(['jws', 'unsecured', 'jwe', 'opaque']);

/** The tokens the drift rules compared with the baseline: every JWT and opaque token, when one was given. */
function baselinePopulation(result: AuditResult, baseline: Baseline | undefined): Population {
  if (!baseline) return emptyPopulation();
  const pop = ofTokens(result.tokens, (r) => COMPARED.has(r.token.kind));
  const { inputs } = baseline.learnedFrom;
  const from = inputs.length > 0 ? ` learned from ${listNames(inputs)}` : '';
  if (pop.tokens.size > 0) pop.phrase = `${plural(pop.tokens.size, 'token')} compared with a baseline${from}`;
  return pop;
}

const isSigned = (r: TokenRecord) => r.token.kind === 'jws' || r.token.kind === 'unsecured';
const hasClaims = (r: TokenRecord) => claimsLayer(r.token).claims !== undefined;

/**
 * The population of one kind of check, with its phrase. `baseline`: the baseline the capture was compared
 * with, if any (the drift rules look at nothing without one).
 */
export function populationOf(kind: EvidenceKind, result: AuditResult, baseline?: Baseline): Population {
  if (kind === 'baseline') return baselinePopulation(result, baseline);
  if (kind === 'verdicts') return verdictPopulation(result);
  if (kind === 'logout') return logoutPopulation(result);
  if (kind === 'requests') return requestPopulation(result);
  // What a probe showed comes from the probe runs (probe-evidence.ts), not from the capture.
  if (kind === 'probes') return emptyPopulation();
  const pop = tokenPopulation(kind, result);
  pop.phrase = pop.tokens.size === 0 ? '' : phraseOf(kind, pop, result);
  return pop;
}

function tokenPopulation(kind: EvidenceKind, result: AuditResult): Population {
  const records = result.tokens;
  switch (kind) {
    case 'network':
      return ofSightings(result, (s) => NETWORK_SCHEMES.has(s.scheme));
    case 'cookies':
      return ofSightings(result, (s) => COOKIE_PLACES.has(s.where) && s.cookie !== undefined);
    case 'responses':
      return ofSightings(result, (s) => RESPONSE_PLACES.has(s.where));
    case 'storage':
      return ofSightings(result, (s) => s.where === 'storage');
    case 'signed':
      return ofTokens(records, isSigned);
    case 'hmac':
      return ofTokens(records, (r) => isSigned(r) && /^HS\d+$/.test(String(r.token.header?.alg)));
    case 'verified': {
      const checked = new Set(
        result.findings.filter((f) => VERIFICATION_RULES.has(f.ruleId)).map((f) => f.fingerprint),
      );
      return ofTokens(records, (r) => checked.has(r.token.fingerprint));
    }
    case 'jwe':
      return ofTokens(records, (r) => r.token.kind === 'jwe');
    case 'refresh':
      return ofTokens(records, (r) => r.purpose === 'refresh');
    case 'id-tokens':
      return ofTokens(records, (r) => r.purpose === 'id');
    default:
      return ofTokens(records, hasClaims);
  }
}

function phraseOf(kind: EvidenceKind, pop: Population, result: AuditResult): string {
  const tokens = plural(pop.tokens.size, 'token');
  switch (kind) {
    case 'network':
      return networkPhrase(pop, result);
    case 'cookies':
      return `${plural(pop.sightings.size, 'token cookie')} with recorded attributes${onHosts(pop)}`;
    case 'responses':
      return `${plural(pop.requests.size, 'response')} handing out ${tokens}${onHosts(pop)}`;
    case 'storage':
      return `${tokens} read from web storage`;
    case 'signed':
      return `${plural(pop.tokens.size, 'JWS token')}${algsOf(result, pop)}`;
    case 'hmac':
      return `${plural(pop.tokens.size, 'HMAC-signed token')} tried against published and common secrets`;
    case 'verified':
      return `${tokens} whose signature was checked against the issuer’s keys`;
    case 'jwe':
      return `${plural(pop.tokens.size, 'encrypted token')}`;
    case 'lifetime':
      return lifetimePhrase(result, pop);
    case 'refresh':
      return `${plural(pop.tokens.size, 'refresh token')}`;
    case 'id-tokens':
      return `${plural(pop.tokens.size, 'ID token')}`;
    default:
      return `${tokens} with readable claims${onHosts(pop)}`;
  }
}
