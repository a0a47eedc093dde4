import { type CookieSighting, cookieSightings, describeCookie } from '../../rules/context/cookie-facts';
import { cookieFactsOf } from '../carriers';
import { carrierName } from '../profile-key';
import type { Carrier } from '../types';
import { driftHit, expected, listed, perToken, profileName, seen } from './drift-parts';

/** SameSite strength: `strict` over `lax` over `none`; absent or unknown values rank lowest. */
const SAME_SITE_RANK: Readonly<Record<string, number>> = { strict: 3, lax: 2, none: 1 };

function sameSiteRank(value: string | undefined): number {
  return value === undefined ? 0 : (SAME_SITE_RANK[value.toLowerCase()] ?? 0);
}

/** A cookie name without its `__Host-` / `__Secure-` prefix: dropping the prefix must not hide the cookie. */
function baseName(name: string): string {
  return name.replace(/^__(?:Host|Secure)-/i, '');
}

/**
 * Attributes the carrier always had that this cookie sighting lacks (or weakened, for SameSite), both
 * read as learning reads them (`cookieFactsOf`).
 */
function lostAttributes(carrier: Carrier, s: CookieSighting): string[] {
  const was = carrier.cookie;
  const now = cookieFactsOf(s) ?? {};
  if (!was) return [];
  const lost: string[] = [];
  if (was.httpOnly === true && !now.httpOnly) lost.push('HttpOnly');
  if (was.secure === true && !now.secure) lost.push('Secure');
  if (was.sameSite !== undefined && sameSiteRank(now.sameSite) < sameSiteRank(was.sameSite))
    lost.push(`SameSite=${was.sameSite} (now ${now.sameSite ?? 'absent'})`);
  if (was.hostPrefix === true && !now.hostPrefix) lost.push('__Host- prefix');
  return lost;
}

/**
 * The learned carrier of a cookie sighting: the one of the same place and name (`carrierName`), else one
 * whose name differs only by the `__Host-` / `__Secure-` prefix (the prefix was dropped or added).
 */
function carrierOf(carriers: readonly Carrier[], s: CookieSighting): Carrier | undefined {
  const name = carrierName(s);
  const here = carriers.filter((c) => c.where === s.where);
  return here.find((c) => c.name === name) ?? here.find((c) => baseName(c.name) === baseName(name));
}

function describeCarrier(carrier: Carrier): string {
  const c = carrier.cookie ?? {};
  const parts = [carrier.name];
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.secure) parts.push('Secure');
  if (c.sameSite !== undefined) parts.push(`SameSite=${c.sameSite}`);
  if (c.hostPrefix) parts.push('__Host-');
  return parts.join('; ');
}

/**
 * `drift-cookie-weakened`: the token's cookie lost an attribute it had on every sighting in the baseline
 * (HttpOnly, Secure, a SameSite level, the `__Host-` prefix): script access, cleartext or cross-site
 * sending is back (RFC 6265bis, NIST SP 800-63B-4 §5.1.1, ASVS 3.3.1, 3.3.2, 3.3.4). Compared only with
 * the same place (a Set-Cookie with a Set-Cookie), since a HAR records request cookies' flags differently.
 */
export const checkCookieWeakened = perToken(({ record, profile }) => {
  const carriers = profile.carriers.filter((c) => c.cookie !== undefined);
  if (carriers.length === 0) return undefined;
  const lost = new Map<string, { carrier: Carrier; what: string[]; first: CookieSighting; ids: string[] }>();
  for (const s of cookieSightings(record.sightings)) {
    const carrier = carrierOf(carriers, s);
    const what = carrier ? lostAttributes(carrier, s) : [];
    if (!carrier || what.length === 0) continue;
    const key = `${s.where}\u0000${s.name}\u0000${what.join('\u0000')}`;
    const entry = lost.get(key) ?? { carrier, what, first: s, ids: [] };
    entry.ids.push(s.id);
    lost.set(key, entry);
  }
  if (lost.size === 0) return undefined;
  const entries = [...lost.values()];
  const what = [...new Set(entries.flatMap((e) => e.what))];
  return driftHit(
    'drift-cookie-weakened',
    record,
    `The cookie carrying these ${profileName(profile)} lost ${listed(what)}, which it had on every sighting in the baseline.`,
    entries.flatMap((e) => [
      expected(`cookie ${describeCarrier(e.carrier)}`),
      seen(`cookie ${describeCookie(e.first)} (lost ${listed(e.what)})`),
    ]),
    { sightingIds: entries.flatMap((e) => e.ids) },
  );
});
