import type { LifecycleModel } from '../../lifecycle/types';
import type { TokenRecord } from '../../types';
import { START_SKEW_SECONDS } from '../use-clock';
import { numericClaim, secondsOf, soundClaims } from './lifecycle-facts';

/**
 * Puts request times (the browser's clock) on a token's issuer clock, the one its `nbf`, `iat` and `exp`
 * were written on. The offset is learnt from issuance: a token's `iat` minus the time its token request
 * started, for the token itself when the capture holds its issuance, else the median over its issuer's
 * issuances. With neither, times are compared as they are and the allowance widens to
 * `START_SKEW_SECONDS` (as the token rules do): a browser a minute behind must not make fresh tokens
 * look early, nor one ahead make live tokens look expired. Only an issuer clock ahead of the browser's is
 * learnt (`iat` after the token request started): an `iat` before it proves nothing about the clocks, since
 * providers hand out tokens minted earlier (client-credentials caches, pre-minted tokens), and taking it
 * as a clock behind would move every request earlier and make fresh tokens look used before their `nbf`.
 */
export interface IssuerClock {
  /** Request time (epoch seconds) on the issuer's clock, and the skew to allow there. */
  at(t: number): number;
  tolerance: number;
  /** `request time on the browser clock`, `request time on the issuer clock (+1 min 2 s)`. */
  label: string;
}

export type IssuerClocks = (record: TokenRecord) => IssuerClock;

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)];
}

function issuerOf(claims: Record<string, unknown> | undefined): string {
  return typeof claims?.iss === 'string' ? claims.iss : '';
}

function showOffset(offset: number): string {
  const s = Math.round(Math.abs(offset));
  return `${offset >= 0 ? '+' : '−'}${s} s`;
}

/** The clocks of a capture's tokens, learnt once from its families. */
export function createIssuerClocks(
  model: LifecycleModel,
  byFp: ReadonlyMap<string, TokenRecord>,
  skew: number,
): IssuerClocks {
  const own = new Map<string, number>();
  const byIssuer = new Map<string, number[]>();
  for (const family of model.families) {
    const issued = secondsOf(family.issuedAt);
    if (issued === undefined) continue;
    for (const member of family.members) {
      const record = byFp.get(member.fingerprint);
      const claims = record ? soundClaims(record) : undefined;
      const iat = numericClaim(claims, 'iat');
      if (iat === undefined || own.has(member.fingerprint)) continue;
      const offset = Math.max(0, iat - issued);
      own.set(member.fingerprint, offset);
      const iss = issuerOf(claims);
      if (!iss) continue;
      const offsets = byIssuer.get(iss);
      if (offsets) offsets.push(offset);
      else byIssuer.set(iss, [offset]);
    }
  }
  const medians = new Map<string, number | undefined>();
  const issuerOffset = (iss: string) => {
    if (!medians.has(iss)) medians.set(iss, median(byIssuer.get(iss) ?? []));
    return medians.get(iss);
  };
  const clocks = new Map<string, IssuerClock>();
  return (record) => {
    let clock = clocks.get(record.token.fingerprint);
    if (!clock) {
      clock = clockOf(own.get(record.token.fingerprint) ?? issuerOffset(issuerOf(soundClaims(record))), skew);
      clocks.set(record.token.fingerprint, clock);
    }
    return clock;
  };
}

function clockOf(offset: number | undefined, skew: number): IssuerClock {
  if (offset === undefined)
    return {
      at: (t) => t,
      tolerance: Math.max(skew, START_SKEW_SECONDS),
      label: 'request time on the browser clock',
    };
  return {
    at: (t) => t + offset,
    tolerance: skew,
    label: `request time on the issuer clock (${showOffset(offset)})`,
  };
}
