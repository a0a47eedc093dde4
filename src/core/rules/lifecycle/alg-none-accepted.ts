import type { LifecycleRule } from '../../lifecycle/types';
import type { CaptureHit, ParsedToken, TokenRecord } from '../../types';
import { nestedLabel } from '../nested-hits';
import { acceptedHit, acceptedTokens, sightingsOf } from './accepted';

/** True for an unsecured JWS: `alg` is `none` in any letter case (RFC 7518 §3.6). */
function isAlgNone(token: ParsedToken): boolean {
  if (token.kind === 'unsecured') return true;
  const alg = token.header?.alg;
  return token.kind === 'jws' && typeof alg === 'string' && alg.toLowerCase() === 'none';
}

/**
 * The first unsigned layer of the token (0: the token as presented), or `undefined`. Walks the layers as
 * `tokenLayers` lists them, without the list: this runs on every token a server accepted.
 */
function unsignedLayer(record: TokenRecord): number | undefined {
  let level = 0;
  for (let layer: ParsedToken | undefined = record.token; layer; layer = layer.nested, level++)
    if (isAlgNone(layer)) return level;
  return undefined;
}

/**
 * `alg-none-accepted` (critical): a token with an `alg: none` layer (the token as presented, or an inner
 * token of a nested JWT, which verifiers act on too: RFC 8725 §3.3) was presented and the server accepted
 * the request (the lifecycle model's verdict: 2xx, or a redirect elsewhere than a login page). Passive,
 * so an escalation of `alg-none`, not proof: the endpoint may not need authentication at all.
 */
export const checkAlgNoneAccepted: LifecycleRule = (model, records, _policy, _signatures, index) => {
  const hits: CaptureHit[] = [];
  for (const { record, uses } of acceptedTokens(
    model,
    records,
    (r) => unsignedLayer(r) !== undefined,
    index,
  )) {
    const level = unsignedLayer(record) ?? 0;
    const what =
      level === 0 ? 'unsigned (alg: none) token' : `${nestedLabel(level)}: unsigned (alg: none) inner token`;
    hits.push(acceptedHit('alg-none-accepted', record, sightingsOf(record, uses), what));
  }
  return hits;
};
