import type { CookieAttributes, Evidence, Sighting } from '../../types';
import { firstDistinct, hostOf, listNames, unique } from './sighting-facts';

/** A sighting known to be a cookie, with its recorded attributes. */
export type CookieSighting = Sighting & { cookie: CookieAttributes };

function isCookieSighting(s: Sighting): s is CookieSighting {
  return s.cookie !== undefined;
}

/** True when some sighting is a cookie with known attributes: the cookie rules' cheap first test. */
export function hasCookieSighting(sightings: readonly Sighting[]): boolean {
  return sightings.some(isCookieSighting);
}

/** Cookie sightings whose attributes are known (parsed `Set-Cookie`, or flags recorded in the HAR). */
export function cookieSightings(sightings: readonly Sighting[]): CookieSighting[] {
  return sightings.filter(isCookieSighting);
}

/** `session; HttpOnly; Secure; SameSite=Lax; Path=/`: the name and attributes, never the value. */
export function describeCookie(s: CookieSighting): string {
  const c = s.cookie;
  const parts = [s.name];
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.secure) parts.push('Secure');
  if (c.sameSite !== undefined) parts.push(`SameSite=${c.sameSite}`);
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  else if (c.expires) parts.push(`Expires=${c.expires}`);
  return parts.join('; ');
}

/** `cookie "session" set by app.example.test` / `cookies "a" and "b" sent to …`. */
export function describeCookies(sightings: readonly CookieSighting[]): string {
  const names = unique(sightings.map((s) => `"${s.name}"`));
  const set = sightings.filter((s) => s.where === 'set-cookie');
  const verb = set.length > 0 ? 'set by' : 'sent to';
  const hosts = unique((set.length > 0 ? set : sightings).map((s) => hostOf(s) || '(unknown host)'));
  return `${names.length === 1 ? 'cookie' : 'cookies'} ${listNames(names)} ${verb} ${listNames(hosts)}`;
}

/** One evidence line per distinct cookie description. */
export function cookieEvidence(sightings: readonly CookieSighting[]): Evidence[] {
  return firstDistinct(sightings, describeCookie, 5).map((value) => ({ label: 'cookie', value }));
}
