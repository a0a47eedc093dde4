import type { CaptureHit, CaptureRule, TokenRecord } from '../../types';
import { listNames, unique } from './sighting-facts';

type Family = 'hmac' | 'asymmetric';

/** Family per `alg` string already seen: a capture has a handful of algs over thousands of tokens. */
const FAMILIES = new Map<string, Family | undefined>();

/** HS* → shared secret; RS/PS/ES/EdDSA/Ed25519/Ed448 → public key. Others (none, unknown) → neither. */
function familyOf(alg: unknown): Family | undefined {
  if (typeof alg !== 'string') return undefined;
  if (FAMILIES.has(alg)) return FAMILIES.get(alg);
  let family: Family | undefined;
  if (/^HS\d+$/.test(alg)) family = 'hmac';
  else if (/^(?:RS|PS|ES)\d+K?$|^EdDSA$|^Ed25519$|^Ed448$/.test(alg)) family = 'asymmetric';
  // Bounded: hostile headers can carry any number of distinct algs.
  if (FAMILIES.size >= 256) FAMILIES.clear();
  FAMILIES.set(alg, family);
  return family;
}

interface Signed {
  record: TokenRecord;
  alg: string;
  family: Family;
}

function signedByIssuer(records: readonly TokenRecord[]): Map<string, Signed[]> {
  const byIssuer = new Map<string, Signed[]>();
  for (const record of records) {
    const { kind, header, claims } = record.token;
    const alg = header?.alg;
    const family = familyOf(alg);
    if (kind !== 'jws' || typeof claims?.iss !== 'string' || !family || typeof alg !== 'string') continue;
    const list = byIssuer.get(claims.iss);
    if (list) list.push({ record, alg, family });
    else byIssuer.set(claims.iss, [{ record, alg, family }]);
  }
  return byIssuer;
}

/**
 * `alg-confusion-indicator` (high), capture-wide: one `iss` seen with both HMAC and public-key tokens.
 * Verifiers that pick the algorithm from the header can be fed an HS token MAC'd with the issuer's
 * public key (RFC 8725 §2.1, §3.1). Reported on each HS token of that issuer.
 */
export const checkAlgConfusionIndicator: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const [issuer, tokens] of signedByIssuer(records)) {
    const asymmetric = tokens.filter((t) => t.family === 'asymmetric');
    if (asymmetric.length === 0) continue;
    const algs = listNames(unique(asymmetric.map((t) => t.alg)));
    for (const hs of tokens.filter((t) => t.family === 'hmac')) {
      hits.push({
        ruleId: 'alg-confusion-indicator',
        fingerprint: hs.record.token.fingerprint,
        detail: `issuer "${issuer}" signs this token with ${hs.alg} but ${asymmetric.length} other token(s) with ${algs}: a verifier that accepts both may take the public key as an HMAC secret`,
        evidence: [
          { label: 'iss', value: issuer },
          { label: 'alg', value: hs.alg },
          { label: 'other algs', value: algs },
        ],
      });
    }
  }
  return hits;
};
