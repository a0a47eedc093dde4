import type { ParsedToken, Sighting } from '../types';

/** What the capture tells about a token: the token and, when known, where it was seen. */
export interface TokenWithSightings {
  token: ParsedToken;
  sightings?: readonly Sighting[];
}

/** Bases kept in all, and from claims other than the name-like ones (user ids, nonces: rarely secrets). */
const MAX_BASES = 1000;
const MAX_OTHER_BASES = 200;
/** Claims that name an app, a client, a tenant or a service: the words secrets are made of. */
const NAME_CLAIMS = new Set([
  'iss',
  'aud',
  'azp',
  'client_id',
  'cid',
  'appid',
  'app_id',
  'app',
  'application',
  'application_id',
  'client',
  'tenant',
  'tid',
  'realm',
  'org',
  'org_id',
  'organization',
  'domain',
  'site',
  'project',
  'service',
  'scope',
]);
const MAX_VALUE_LENGTH = 100;
const MAX_DEPTH = 5;
/** Labels too generic to be anyone's secret on their own. */
const GENERIC_LABELS = new Set([
  'www',
  'com',
  'net',
  'org',
  'io',
  'co',
  'uk',
  'de',
  'fr',
  'app',
  'dev',
  'localhost',
]);
/** Affixes developers hang on a project name to make "the secret" (`acme-secret`, `acme_jwt`, `acme123`). */
const SUFFIXES = [
  '',
  'secret',
  '-secret',
  '_secret',
  '.secret',
  'jwt',
  '-jwt',
  '_jwt',
  'key',
  '-key',
  '_key',
];
const MORE_SUFFIXES = [
  '-jwt-secret',
  '_jwt_secret',
  'jwtsecret',
  '-secret-key',
  '_secret_key',
  '123',
  '!',
  '2025',
];

/**
 * The authority of a URL with a special scheme (WHATWG URL §4.1), where the host is read: past any
 * number of slashes and backslashes after the scheme (the parser skips them), up to the next `/`, `\`,
 * `?` or `#`. The path, query and fragment after it never change the host nor make parsing fail, so
 * URLs sharing this prefix share their host, which is worked out once per prefix.
 */
const SPECIAL_AUTHORITY = /^(?:https?|wss?|ftp):[/\\]*[^/\\?#]*/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Host names of URLs, memoised per authority for the length of one derivation. */
function createHostReader(): (text: string) => string | undefined {
  const byAuthority = new Map<string, string | undefined>();
  const parse = (url: string): string | undefined => {
    try {
      return new URL(url).hostname || undefined;
    } catch {
      return undefined;
    }
  };
  return (text) => {
    if (!HAS_SCHEME.test(text)) return undefined;
    const authority = SPECIAL_AUTHORITY.exec(text)?.[0];
    // The parser trims trailing spaces and controls: at the prefix's end they may not be at the URL's.
    const trimmable = authority !== undefined && authority.length < text.length && /[\0- ]$/.test(authority);
    if (authority === undefined || trimmable) return parse(text);
    if (!byAuthority.has(authority)) byAuthority.set(authority, parse(authority));
    return byAuthority.get(authority);
  };
}

/** A host name, its labels and its registrable-looking parts: `api.acme.co.uk` → `acme.co.uk`, `acme`… */
function hostParts(host: string): string[] {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  const out = [host, host.replace(/^www\./i, '')];
  for (let i = 1; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  for (const label of labels) if (label.length >= 3 && !GENERIC_LABELS.has(label)) out.push(label);
  return out;
}

/** The string and number leaves of a JSON value, depth-limited (untrusted input). */
function leaves(value: unknown, add: (value: string) => void, depth = 0): void {
  if (typeof value === 'string') add(value);
  else if (typeof value === 'number' && Number.isFinite(value)) add(String(value));
  else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const item of Object.values(value as Record<string, unknown>)) leaves(item, add, depth + 1);
  }
}

/**
 * The raw values (claim values, URLs, names) a capture's candidates are derived from: name-like values
 * first in line for the bases, other claim values after them, up to a cap. Plain strings, so a worker
 * thread can derive the candidates while this thread audits.
 */
export interface CaptureValues {
  names: string[];
  others: string[];
}

/**
 * Gathers one list of values for an expander with room for `cap` bases, and tells when the rest of the
 * capture cannot matter to it. A distinct value with no `scheme://` is its own base (only URLs stand
 * for host parts, see `createExpander`), so once `cap` distinct such values are in, the expander's set is
 * full when it reaches them and no later value adds anything. Counting them takes a set of at most
 * `cap` entries; the values are still listed in full and in order, repeats included.
 */
function createCollector(list: string[], cap: number) {
  const plain = new Set<string>();
  return {
    add(value: string): void {
      if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return;
      list.push(value);
      if (plain.size < cap && !HAS_SCHEME.test(value)) plain.add(value);
    },
    /** True once the expander's set must be full: later values are left out. */
    full: (): boolean => plain.size >= cap,
  };
}

/**
 * Collects the values of every token and sighting, in capture order: cheap (no parsing). Values an
 * expander would drop unseen (empty, too long) are left out, and so is a repeat of the value just before
 * it from the same field (the same header name on every request): it would add nothing. Collection stops
 * where the expanders' caps are provably reached (see `createCollector`): a 20,000-token list fills the
 * name bases within its first thousand tokens, and its user ids the other bases sooner.
 */
export function collectCaptureValues(tokens: readonly (ParsedToken | TokenWithSightings)[]): CaptureValues {
  const values: CaptureValues = { names: [], others: [] };
  const names = createCollector(values.names, MAX_BASES);
  const others = createCollector(values.others, MAX_OTHER_BASES);
  const addName = names.add;
  const addOther = others.add;
  const last = { url: '', name: '', origin: '' };
  const addChanged = (field: keyof typeof last, value: string): void => {
    if (value === last[field]) return;
    last[field] = value;
    addName(value);
  };
  for (const item of tokens) {
    // The name bases alone fill the candidates' bases: other values are only added while there is room.
    if (names.full()) break;
    const entry: TokenWithSightings = 'token' in item ? item : { token: item };
    leaves(entry.token.header, addName);
    const claims = entry.token.claims;
    if (claims) {
      for (const key of Object.keys(claims)) {
        if (NAME_CLAIMS.has(key)) leaves(claims[key], addName);
        else if (!others.full()) leaves(claims[key], addOther);
      }
    }
    for (const s of entry.sightings ?? []) {
      // A token-list line's name is our label (`tokens.txt:12`), not a value from the traffic.
      if (s.where === 'input') continue;
      addChanged('url', s.url);
      addChanged('name', s.name);
      addChanged('origin', s.initiatorOrigin ?? '');
    }
  }
  return values;
}

/**
 * Adds the bases a raw value stands for (a URL stands for its host's parts) to `into`, up to `cap`. A
 * value already expanded into the same set adds nothing new (sets only grow, caps only fill), so each
 * distinct value is expanded once: thousands of sightings repeat the same few names and hosts.
 */
function createExpander(into: Set<string>, cap: number, hostOf: (text: string) => string | undefined) {
  const seen = new Set<string>();
  const partsByHost = new Map<string, string[]>();
  return (value: string): void => {
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH || seen.has(value)) return;
    seen.add(value);
    const host = hostOf(value);
    let bases = [value];
    if (host !== undefined) {
      bases = partsByHost.get(host) ?? hostParts(host);
      partsByHost.set(host, bases);
    }
    for (const base of bases) if (into.size < cap) into.add(base);
  };
}

function variants(base: string, out: Set<string>, rich: boolean): void {
  const capitalised = base.charAt(0).toUpperCase() + base.slice(1);
  for (const form of new Set([base, base.toLowerCase(), base.toUpperCase(), capitalised])) {
    for (const suffix of SUFFIXES) out.add(form + suffix);
  }
  if (rich) for (const suffix of MORE_SUFFIXES) out.add(base.toLowerCase() + suffix);
}

/**
 * Candidate secrets derived from the capture itself: host names and their labels, `iss`/`aud` values and
 * their hosts, client and app names, header values, cookie and header names, then other short claim
 * values up to a cap (a capture of 10,000 users would otherwise bring 10,000 user ids) — each in its case
 * forms and with the suffixes developers add (`acme-secret`, `ACME_jwt`, `acme123`). Apps that sign with
 * their own name are common; these candidates cost little and catch them.
 */
export function deriveCaptureCandidates(entries: readonly TokenWithSightings[]): string[] {
  return candidatesFromValues(collectCaptureValues(entries));
}

/** The candidates of `deriveCaptureCandidates`, from values collected by `collectCaptureValues`. */
export function candidatesFromValues(values: CaptureValues): string[] {
  const bases = new Set<string>();
  const others = new Set<string>();
  const hostOf = createHostReader();
  // Each expander fills its own set, so all names then all others gives what interleaving them did.
  const addName = createExpander(bases, MAX_BASES, hostOf);
  for (const value of values.names) addName(value);
  const addOther = createExpander(others, MAX_OTHER_BASES, hostOf);
  for (const value of values.others) addOther(value);
  for (const base of others) if (bases.size < MAX_BASES) bases.add(base);
  const out = new Set<string>();
  for (const base of bases) variants(base, out, !base.includes('/') && base.length <= 40);
  return [...out];
}
