import type { Sighting } from '../types';
import { compareText } from './order';
import { carrierName } from './profile-key';
import type { Carrier } from './types';

type CookieFacts = NonNullable<Carrier['cookie']>;

/** A carrier being learned: the attributes that held on every sighting that recorded any. */
interface CarrierFacts {
  carrier: Carrier;
  /** `undefined` until a sighting with cookie attributes is seen. */
  cookie?: CookieFacts;
}

/** Carriers by place, learned sighting by sighting. */
export type CarrierSet = Map<string, CarrierFacts>;

/**
 * The attributes one sighting's cookie had, keeping only those a weakening could remove; `undefined` when
 * the sighting recorded none. Learning and `drift-cookie-weakened` read cookies through this.
 */
export function cookieFactsOf(s: Sighting): CookieFacts | undefined {
  const attributes = s.cookie;
  if (!attributes) return undefined;
  const out: CookieFacts = {};
  if (attributes.httpOnly) out.httpOnly = true;
  if (attributes.secure) out.secure = true;
  if (attributes.sameSite) out.sameSite = attributes.sameSite;
  if (attributes.prefix === '__Host-') out.hostPrefix = true;
  return out;
}

/** The attributes both had: an attribute missing once is not something the baseline can promise. */
export function commonCookie(a: CookieFacts, b: CookieFacts): CookieFacts {
  const out: CookieFacts = {};
  if (a.httpOnly && b.httpOnly) out.httpOnly = true;
  if (a.secure && b.secure) out.secure = true;
  if (a.sameSite !== undefined && a.sameSite === b.sameSite) out.sameSite = a.sameSite;
  if (a.hostPrefix && b.hostPrefix) out.hostPrefix = true;
  return out;
}

/** Adds a sighting's place (and its cookie attributes) to `set`. Pasted and listed tokens have no carrier. */
export function addCarrier(set: CarrierSet, s: Sighting): void {
  if (s.where === 'input') return;
  const name = carrierName(s);
  const key = `${s.where}\u0000${name}`;
  let facts = set.get(key);
  if (!facts) {
    facts = { carrier: { where: s.where, name } };
    set.set(key, facts);
  }
  const cookie = cookieFactsOf(s);
  if (cookie) facts.cookie = facts.cookie ? commonCookie(facts.cookie, cookie) : cookie;
}

/** The learned carriers, sorted by place and name. */
export function carrierList(set: CarrierSet): Carrier[] {
  const out = [...set.values()].map(({ carrier, cookie }) => (cookie ? { ...carrier, cookie } : carrier));
  return out.sort(compareCarriers);
}

export function compareCarriers(a: Carrier, b: Carrier): number {
  return compareText(a.where, b.where) || compareText(a.name, b.name);
}

/** Both lists' carriers; a place in both keeps only the cookie attributes both promise. */
export function mergeCarriers(a: readonly Carrier[], b: readonly Carrier[]): Carrier[] {
  const out = new Map<string, Carrier>();
  for (const carrier of [...a, ...b]) {
    const key = `${carrier.where}\u0000${carrier.name}`;
    const seen = out.get(key);
    if (!seen) out.set(key, structuredCopy(carrier));
    else if (seen.cookie && carrier.cookie) seen.cookie = commonCookie(seen.cookie, carrier.cookie);
    else if (carrier.cookie) seen.cookie = { ...carrier.cookie };
  }
  return [...out.values()].sort(compareCarriers);
}

function structuredCopy(carrier: Carrier): Carrier {
  return carrier.cookie ? { ...carrier, cookie: { ...carrier.cookie } } : { ...carrier };
}
