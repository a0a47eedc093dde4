import type { LifecycleModel, SignatureFacts, TokenUse } from '../../lifecycle/types';
import { useSeconds } from '../../lifecycle/uses';
import type { TokenRecord } from '../../types';
import type { IssuerClocks } from './issuer-clock';
import { effectiveSince, numericClaim, soundClaims } from './lifecycle-facts';

/** A state in which every service should refuse a token (issue 13: `validation-inconsistent`). */
export type TokenState = 'expired' | 'unsigned' | 'bad signature' | 'revoked';

/** True for an unsecured JWS (RFC 7518 §3.6): the parser gives that kind to `alg: none` in any letter case. */
export function isUnsigned(record: TokenRecord): boolean {
  return record.token.kind === 'unsecured';
}

/**
 * When each token was ended by a successful logout or revocation that covered it (the earliest), epoch
 * seconds: from when the event had taken effect (`effectiveSince`).
 */
export function revokedSince(model: LifecycleModel, skew: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const event of model.events) {
    const at = effectiveSince(event, skew);
    if (!event.succeeded || at === undefined) continue;
    for (const fp of event.covers) if (!(at >= (out.get(fp) ?? Infinity))) out.set(fp, at);
  }
  return out;
}

export interface StateContext {
  clocks: IssuerClocks;
  revoked: ReadonlyMap<string, number>;
  signatures: SignatureFacts | undefined;
  skew: number;
}

/**
 * The state a token was in at a use, or `valid` when none applies, or `undefined` when its time cannot
 * be told (unknown request time for a time-bound state, or within the skew of expiry: not clearly either).
 */
export function stateAt(
  record: TokenRecord,
  use: TokenUse,
  ctx: StateContext,
): TokenState | 'valid' | undefined {
  if (isUnsigned(record)) return 'unsigned';
  if (ctx.signatures?.invalid.has(record.token.fingerprint)) return 'bad signature';
  const t = useSeconds(use);
  const ended = ctx.revoked.get(record.token.fingerprint);
  if (ended !== undefined && t !== undefined && t > ended) return 'revoked';
  const exp = numericClaim(soundClaims(record), 'exp');
  if (exp === undefined) return 'valid';
  if (t === undefined) return undefined;
  const clock = ctx.clocks(record);
  const past = clock.at(t) - exp;
  if (past > clock.tolerance) return 'expired';
  return past < -clock.tolerance ? 'valid' : undefined;
}
