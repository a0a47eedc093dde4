import type { ParsedToken, Sighting } from '../types';

/** What the capture tells about a token: the token and, when known, where it was seen. */
export interface TokenWithSightings {
  token: ParsedToken;
  sightings?: readonly Sighting[];
}

const MAX_BASES = 4000;
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

function basesOf(entry: TokenWithSightings): string[] {
  const raw: string[] = [];
  leaves(entry.token.header, raw);
  leaves(entry.token.claims, raw);
  for (const s of entry.sightings ?? []) raw.push(s.url, s.name, s.initiatorOrigin ?? '');
  const bases: string[] = [];
  for (const value of raw) {
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH) continue;
    const host = hostOf(value);
    if (host) bases.push(...hostParts(host));
    else bases.push(value);
  }
  return bases;
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
 * their hosts, client and app names, every short claim and header value, cookie and header names — each
 * in its case forms and with the suffixes developers add (`acme-secret`, `ACME_jwt`, `acme123`). Apps
 * that sign with their own name are common; these candidates cost little and catch them.
 */
export function deriveCaptureCandidates(entries: readonly TokenWithSightings[]): string[] {
  const bases = new Set<string>();
  for (const entry of entries) {
    for (const base of basesOf(entry)) {
      if (bases.size >= MAX_BASES) break;
      bases.add(base);
    }
  }
  const out = new Set<string>();
  for (const base of bases) variants(base, out, !base.includes('/') && base.length <= 40);
  return [...out];
}
