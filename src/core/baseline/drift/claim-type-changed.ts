import { own } from '../order';
import { claimsOf, claimTypeOf } from '../token-facts';
import type { ClaimType } from '../types';
import { clip, driftHit, expected, keysOf, MAX_LISTED, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-claim-type-changed`: a known claim whose JSON type the profile never had (`aud` from a string to
 * an array, a numeric `exp` become a string): consumers that parse it the old way break or, worse,
 * mis-read it (CVE-2020-26160 was an `aud` array read as a string).
 */
export const checkClaimTypeChanged = perToken(({ record, profile }) => {
  const claims = claimsOf(record);
  if (!claims) return undefined;
  const changed: { name: string; was: readonly ClaimType[]; now: ClaimType }[] = [];
  for (const name of keysOf(profile.claims)) {
    const learned = own(profile.claims, name);
    if (!learned || learned.types.length === 0 || !Object.hasOwn(claims, name)) continue;
    const now = claimTypeOf(claims[name]);
    if (!learned.types.includes(now)) changed.push({ name, was: learned.types, now });
  }
  if (changed.length === 0) return undefined;
  const shown = changed.slice(0, MAX_LISTED).map((c) => ({ ...c, name: clip(c.name) }));
  return driftHit(
    'drift-claim-type-changed',
    record,
    `Claim type changed in ${profileName(profile)}: ${shown.map((c) => `${c.name} is ${article(c.now)}, was ${c.was.join(' or ')}`).join('; ')}.`,
    shown.flatMap((c) => [expected(`${c.name}: ${c.was.join(' or ')}`), seen(`${c.name}: ${c.now}`)]),
  );
});

function article(type: ClaimType): string {
  return type === 'null' ? 'null' : type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}
