import type { CaptureHit, CaptureRule, TokenRecord } from '../../types';
import { acceptedHit, acceptedSightings } from './accepted';

/** True for an unsecured JWS: `alg` is `none` in any letter case (RFC 7518 §3.6). */
function isAlgNone(record: TokenRecord): boolean {
  const { kind, header } = record.token;
  if (kind === 'unsecured') return true;
  return kind === 'jws' && typeof header?.alg === 'string' && header.alg.toLowerCase() === 'none';
}

/**
 * `alg-none-accepted` (critical): an `alg: none` token was presented and the server answered 2xx. Passive,
 * so an escalation of `alg-none`, not proof: the endpoint may not need authentication at all.
 */
export const checkAlgNoneAccepted: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const record of records) {
    if (!isAlgNone(record)) continue;
    const accepted = acceptedSightings(record);
    if (accepted.length > 0)
      hits.push(acceptedHit('alg-none-accepted', record, accepted, 'unsigned (alg: none) token'));
  }
  return hits;
};
