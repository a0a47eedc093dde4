import type { CaptureHit } from '../../types';
import { issuerOf } from '../profile-key';
import { clip, driftHit, expected, listed, seen } from './drift-parts';
import type { DriftRule } from './types';

/**
 * `drift-new-issuer`: a JWT from an issuer no profile of the baseline names (a new identity provider, a
 * staging issuer in production, or tokens minted by something that should not mint them).
 */
export const checkNewIssuer: DriftRule = (ctx) => {
  if (ctx.unknownIssuers.length === 0) return [];
  const known = [...new Set(ctx.baseline.profiles.filter((p) => p.purpose !== 'opaque').map((p) => p.issuer))]
    .map(issuerLabel)
    .sort();
  const expectation = expected(`issuers: ${listed(known)}`);
  return ctx.unknownIssuers.map((record): CaptureHit => {
    const issuer = issuerLabel(issuerOf(record));
    return driftHit(
      'drift-new-issuer',
      record,
      `Token from ${issuer}, an issuer the baseline never saw (it knows ${listed(known)}).`,
      [expectation, seen(`issuer: ${issuer}`)],
    );
  });
};

/** An issuer as shown: quoted, or `no iss claim`. */
function issuerLabel(issuer: string): string {
  return issuer === '' ? 'no iss claim' : JSON.stringify(clip(issuer));
}
