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

function hostOf(text: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).hostname || undefined;
  } catch {
    return undefined;
  }
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
function leaves(value: unknown, out: string[], depth = 0): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' && Number.isFinite(value)) out.push(String(value));
  else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const item of Object.values(value as Record<string, unknown>)) leaves(item, out, depth + 1);
  }
}

/** Name-like bases (hosts, issuer, audience, client, header values) and other claim values, apart. */
function basesOf(entry: TokenWithSightings): { names: string[]; others: string[] } {
  const names: string[] = [];
  const others: string[] = [];
  leaves(entry.token.header, names);
  for (const [key, value] of Object.entries(entry.token.claims ?? {}))
    leaves(value, NAME_CLAIMS.has(key) ? names : others);
  for (const s of entry.sightings ?? []) names.push(s.url, s.name, s.initiatorOrigin ?? '');
  const expand = (values: string[]): string[] =>
    values.flatMap((value) => {
      if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return [];
      const host = hostOf(value);
      return host ? hostParts(host) : [value];
    });
  return { names: expand(names), others: expand(others) };
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
  const bases = new Set<string>();
  const others = new Set<string>();
  for (const entry of entries) {
    const found = basesOf(entry);
    for (const base of found.names) if (bases.size < MAX_BASES) bases.add(base);
    for (const base of found.others) if (others.size < MAX_OTHER_BASES) others.add(base);
  }
  for (const base of others) if (bases.size < MAX_BASES) bases.add(base);
  const out = new Set<string>();
  for (const base of bases) variants(base, out, !base.includes('/') && base.length <= 40);
  return [...out];
}
