import type { CaptureHit, CaptureRule, TokenRecord } from '../../types';
import { listNames } from './sighting-facts';

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

/** One issuer's JWS tokens by family: the HS ones, and the algs (first seen first) of the rest. */
interface IssuerTokens {
  hmac: { record: TokenRecord; alg: string }[];
  asymmetricCount: number;
  asymmetricAlgs: string[];
}

function byIssuer(records: readonly TokenRecord[]): Map<string, IssuerTokens> {
  const issuers = new Map<string, IssuerTokens>();
  for (const record of records) {
    const { kind, header, claims } = record.token;
    const alg = header?.alg;
    const family = familyOf(alg);
    if (kind !== 'jws' || typeof claims?.iss !== 'string' || !family || typeof alg !== 'string') continue;
    let tokens = issuers.get(claims.iss);
    if (!tokens) {
      tokens = { hmac: [], asymmetricCount: 0, asymmetricAlgs: [] };
      issuers.set(claims.iss, tokens);
    }
    if (family === 'hmac') tokens.hmac.push({ record, alg });
    else {
      tokens.asymmetricCount++;
      if (!tokens.asymmetricAlgs.includes(alg)) tokens.asymmetricAlgs.push(alg);
    }
  }
  return issuers;
}

/**
 * `alg-confusion-indicator` (high), capture-wide: one `iss` seen with both HMAC and public-key tokens.
 * Verifiers that pick the algorithm from the header can be fed an HS token MAC'd with the issuer's
 * public key (RFC 8725 §2.1, §3.1). Reported on each HS token of that issuer; all HS tokens of one
 * issuer and alg get the same detail and (frozen) evidence, built once.
 */
export const checkAlgConfusionIndicator: CaptureRule = (records) => {
  const hits: CaptureHit[] = [];
  for (const [issuer, tokens] of byIssuer(records)) {
    if (tokens.asymmetricCount === 0) continue;
    const algs = listNames(tokens.asymmetricAlgs);
    const shared = new Map<string, Pick<CaptureHit, 'detail' | 'evidence'>>();
    for (const hs of tokens.hmac) {
      let said = shared.get(hs.alg);
      if (!said) {
        said = {
          detail: `issuer "${issuer}" signs this token with ${hs.alg} but ${tokens.asymmetricCount} other token(s) with ${algs}: a verifier that accepts both may take the public key as an HMAC secret`,
          evidence: Object.freeze([
            Object.freeze({ label: 'iss', value: issuer }),
            Object.freeze({ label: 'alg', value: hs.alg }),
            Object.freeze({ label: 'other algs', value: algs }),
          ]) as CaptureHit['evidence'],
        };
        shared.set(hs.alg, said);
      }
      hits.push({
        ruleId: 'alg-confusion-indicator',
        fingerprint: hs.record.token.fingerprint,
        detail: said.detail,
        evidence: said.evidence,
      });
    }
  }
  return hits;
};
