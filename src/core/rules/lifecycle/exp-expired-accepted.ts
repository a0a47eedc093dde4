import type { LifecycleModel, LifecycleRule, TokenUse } from '../../lifecycle/types';
import { useSeconds } from '../../lifecycle/uses';
import type { CaptureHit, ParsedToken, TokenRecord } from '../../types';
import { nestedLabel } from '../nested-hits';
import { formatDuration, isoTime } from '../token/format-duration';
import { usableClaims } from '../token/token-parts';
import { clockEvidence } from '../use-clock';
import { acceptedHit, acceptedTokens, sightingsOf } from './accepted';

/** When a token expires, and what says so. */
interface Expiry {
  /** Seconds since the epoch. */
  at: number;
  /** `exp` of the token as presented, `exp` of an inner layer, or the issuing response's `expires_in`. */
  source: string;
}

/**
 * The earliest expiry of the token: the `exp` of any layer (a nested JWT expires when any layer does,
 * RFC 8725 §3.3), or, for a token with no `exp` (an opaque access token), the `expires_in` of the token
 * response that issued it as an access token (RFC 6749 §5.1) counted from that request's time.
 */
function expiryOf(record: TokenRecord, issued: ReadonlyMap<string, Expiry | null>): Expiry | undefined {
  let out: Expiry | undefined;
  let hasExp = false;
  // The layers as `tokenLayers` lists them, walked without the list: this runs on every accepted token.
  let level = 0;
  for (let layer: ParsedToken | undefined = record.token; layer; layer = layer.nested, level++) {
    const exp = usableClaims(layer)?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) continue;
    hasExp = true;
    if (!out || exp < out.at)
      out = { at: exp, source: level === 0 ? 'exp' : `${nestedLabel(level).toLowerCase()}: exp` };
  }
  if (hasExp) return out;
  return issued.get(record.token.fingerprint) ?? undefined;
}

/**
 * When each access token issued in a token response expires by `expires_in`: the latest such moment when
 * it was issued more than once (a provider may hand the same token out again with a fresh lifetime), and
 * none when any response that issued it gave no `expires_in` or no time (its lifetime is then unknown).
 */
function accessExpiries(model: LifecycleModel): Map<string, Expiry | null> {
  const out = new Map<string, Expiry | null>();
  for (const family of model.families) {
    const issuedAt = family.issuedAt ? Date.parse(family.issuedAt) / 1000 : Number.NaN;
    const at = family.expiresIn === undefined ? Number.NaN : issuedAt + family.expiresIn;
    for (const member of family.members) {
      if (member.role !== 'access') continue;
      const seen = out.get(member.fingerprint);
      if (seen === null) continue;
      if (!Number.isFinite(at)) out.set(member.fingerprint, null);
      else if (!seen || at > seen.at)
        out.set(member.fingerprint, { at, source: `expires_in of its token response (${family.id})` });
    }
  }
  return out;
}

/**
 * `exp-expired-accepted` (high): a token that had expired when the request started (by more than the
 * policy's clock skew) was presented and the server accepted the request (the lifecycle model's verdict).
 * Judged against each request's own time only: a request with no known time says nothing about what the
 * server accepted then. Every layer of a nested JWT counts; an opaque access token expires `expires_in`
 * after the token response that issued it.
 */
export const checkExpExpiredAccepted: LifecycleRule = (model, records, _policy, _signatures, index) => {
  const issued = accessExpiries(model);
  const expiries = new Map<string, Expiry>();
  const which = (record: TokenRecord) => {
    const expiry = expiryOf(record, issued);
    if (expiry) expiries.set(record.token.fingerprint, expiry);
    return expiry !== undefined;
  };
  const hits: CaptureHit[] = [];
  for (const { record, uses } of acceptedTokens(model, records, which, index)) {
    const expiry = expiries.get(record.token.fingerprint) as Expiry;
    const late = uses.filter((use) => {
      const t = useSeconds(use);
      return t !== undefined && t - expiry.at > model.skewSeconds;
    });
    const first = late[0];
    if (!first) continue;
    hits.push(expiredHit(record, late, expiry, useSeconds(first) ?? expiry.at));
  }
  return hits;
};

function expiredHit(record: TokenRecord, late: TokenUse[], expiry: Expiry, firstAt: number): CaptureHit {
  const overdue = formatDuration(firstAt - expiry.at);
  // Claims are untrusted: an exp no Date can hold is shown as the number it is.
  const iso = isoTime(expiry.at);
  const when = iso === 'out of range' ? `exp ${expiry.at}` : iso;
  const by = expiry.source === 'exp' ? '' : ` (${expiry.source})`;
  const what = `expired at ${when}${by}, presented ${overdue} later (request time)`;
  const hit = acceptedHit('exp-expired-accepted', record, sightingsOf(record, late), what);
  hit.evidence = [...(hit.evidence ?? []), clockEvidence('request time')];
  return hit;
}
