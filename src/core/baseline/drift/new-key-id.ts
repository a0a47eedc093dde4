import { own } from '../order';
import { headerValue, MAX_VALUES } from '../token-facts';
import type { TokenProfile } from '../types';
import {
  clip,
  driftHit,
  expected,
  keysOf,
  listed,
  MAX_LISTED,
  perToken,
  profileName,
  seen,
} from './drift-parts';

/** The profile's key ids, most recently seen first: the key a rotation replaced leads. */
function previousKeys(profile: TokenProfile): string[] {
  return keysOf(profile.keyIds).sort((a, b) => {
    const la = own(profile.keyIds, a)?.lastSeen ?? '';
    const lb = own(profile.keyIds, b)?.lastSeen ?? '';
    return la < lb ? 1 : la > lb ? -1 : 0;
  });
}

/**
 * `drift-new-key-id` (info): a `kid` the profile never carried: a key rotation, most often expected.
 * Reviewers see the previous keys' first and last seen times to tell a planned rotation from a key
 * nobody announced.
 */
export const checkNewKeyId = perToken(({ record, profile }) => {
  if (record.token.kind === 'opaque') return undefined;
  const kid = headerValue(record, 'kid');
  if (kid === undefined || own(profile.keyIds, kid)) return undefined;
  const before = previousKeys(profile);
  // A profile holding as many key ids as a baseline keeps may have left this one out.
  if (before.length >= MAX_VALUES) return undefined;
  const evidence = before.slice(0, MAX_LISTED).map((k) => {
    const span = own(profile.keyIds, k);
    return expected(
      `kid ${clip(k)}${span ? ` (first seen ${span.firstSeen}, last seen ${span.lastSeen})` : ''}`,
    );
  });
  if (before.length === 0) evidence.push(expected('no kid'));
  const was = before.length === 0 ? 'carried no kid' : `were signed with ${listedKeys(before)}`;
  return driftHit(
    'drift-new-key-id',
    record,
    `Key rotation: the ${profileName(profile)} ${was} in the baseline; this one names kid ${clip(kid)}.`,
    [...evidence, seen(`kid ${clip(kid)}`)],
  );
});

function listedKeys(keys: readonly string[]): string {
  return keys.length === 1 ? `kid ${clip(keys[0] ?? '')}` : `kids ${listed(keys)}`;
}
