import { parseUrlParts } from '../capture/url-parts';
import type { ParsedToken, Sighting } from '../types';

/**
 * Which signing key a token was most likely made with, as far as the capture tells: tokens with the same
 * alg, `iss`, `kid` and host where the token was first seen are almost always minted by one issuer with
 * one key. A token with none of `iss`, `kid` or a host says nothing about its key, so it forms a group of
 * its own (`undefined`). `nested` keeps the inner token of a nested JWT apart from outer ones. Used to run
 * per-key work (dictionary attacks, probing the published example keys) once per key, not per token.
 */
export function signingKeyGroup(
  token: ParsedToken,
  nested: boolean,
  sightings: readonly Pick<Sighting, 'url'>[] | undefined,
): string | undefined {
  const part = (value: unknown): string => (typeof value === 'string' ? value : '');
  const iss = part(token.claims?.iss);
  const kid = part(token.header?.kid);
  const host = parseUrlParts(sightings?.[0]?.url ?? '').host;
  if (iss === '' && kid === '' && host === '') return undefined;
  // The string `[nested, alg, iss, kid, host].join('\u0000')` gives, without the array (this runs per token).
  return `${nested}\u0000${token.header?.alg ?? ''}\u0000${iss}\u0000${kid}\u0000${host}`;
}
