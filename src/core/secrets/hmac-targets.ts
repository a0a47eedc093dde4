import type { ParsedToken } from '../types';
import type { TokenWithSightings } from './capture-candidates';
import { type HmacTarget, isHmacAlg } from './hmac-types';

/** The token a target belongs to: the finding goes to `fingerprint`; `nested` for the inner token of a JWT. */
export interface TargetOwner {
  fingerprint: string;
  nested: boolean;
}

function targetOf(token: ParsedToken): HmacTarget | undefined {
  const alg = token.header?.alg;
  if (token.kind !== 'jws' || !isHmacAlg(alg) || token.signingInput === undefined || !token.signature)
    return undefined;
  return { alg, signingInput: token.signingInput, signature: token.signature };
}

/**
 * Every HS256/384/512 JWS among `tokens` (and their nested inner tokens) as cracking targets, once per
 * distinct token text, with the token each belongs to.
 */
export function collectHmacTargets(tokens: readonly (ParsedToken | TokenWithSightings)[]): {
  targets: HmacTarget[];
  owners: TargetOwner[];
} {
  const targets: HmacTarget[] = [];
  const owners: TargetOwner[] = [];
  const seen = new Set<string>();
  for (const item of tokens) {
    const token = 'token' in item ? item.token : item;
    for (const [candidate, nested] of [
      [token, false],
      [token.nested, true],
    ] as const) {
      if (!candidate || seen.has(candidate.text)) continue;
      const target = targetOf(candidate);
      if (!target) continue;
      seen.add(candidate.text);
      targets.push(target);
      owners.push({ fingerprint: token.fingerprint, nested });
    }
  }
  return { targets, owners };
}
