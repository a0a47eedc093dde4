import type { CaptureHit, TokenRecord } from '../types';
import { algSpec } from './alg-compat';
import { selectCandidates } from './candidates';
import { acceptedBy, keyEvidence, keyOrigin, keyRef, nameKey } from './key-findings';
import { type Serialisation, serialiseKey } from './key-serialisations';
import type { KnownKey, SignatureCheck } from './types';

/** Public keys tried as HMAC secrets per token at most (each in a couple of dozen serialisations). */
export const MAX_CONFUSION_KEYS = 16;

/** Serialisations and imported HMAC keys, shared by every HS token of a capture. */
export interface ConfusionCache {
  forms: Map<string, Promise<Serialisation[]>>;
  hmacKeys: Map<string, Promise<CryptoKey>>;
}

export function createConfusionCache(): ConfusionCache {
  return { forms: new Map(), hmacKeys: new Map() };
}

/** Serialisations depend on the key and on how its JWK was written (member order, extra members). */
function formsId(key: KnownKey): string {
  return `${key.thumbprint}|${JSON.stringify(key.original)}`;
}

function formsOf(cache: ConfusionCache, id: string, key: KnownKey): Promise<Serialisation[]> {
  let forms = cache.forms.get(id);
  if (!forms) {
    forms = serialiseKey(key);
    cache.forms.set(id, forms);
  }
  return forms;
}

async function macMatches(
  cache: ConfusionCache,
  id: string,
  secret: Uint8Array,
  hash: string,
  data: Uint8Array,
  mac: Uint8Array,
): Promise<boolean> {
  let key = cache.hmacKeys.get(`${id}|${hash}`);
  if (!key) {
    key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash }, false, ['sign']);
    cache.hmacKeys.set(`${id}|${hash}`, key);
  }
  const computed = new Uint8Array(await crypto.subtle.sign('HMAC', await key, new Uint8Array(data)));
  return computed.length === mac.length && computed.every((byte, i) => byte === mac[i]);
}

export interface ConfusionResult {
  hits: CaptureHit[];
  check?: SignatureCheck;
}

/**
 * `alg-confusion-forged`: is this HS256/384/512 token's MAC the HMAC of its signing input under one of the
 * known public keys, serialised as libraries do? Keys the token names or its issuer publishes come first.
 */
export async function checkAlgConfusion(
  record: TokenRecord,
  alg: string,
  pool: readonly KnownKey[],
  cache: ConfusionCache,
): Promise<ConfusionResult> {
  const { token } = record;
  const spec = algSpec(alg);
  const mac = token.signature;
  if (!spec || !mac || token.signingInput === undefined || mac.length !== Number(spec.hash.slice(4)) / 8)
    return { hits: [] };
  // Only the kid and issuer rankings matter here, and they do not depend on the alg passed.
  const ranked = selectCandidates(token, 'RS256', pool);
  const keys = [...new Set([...ranked.kidMatches, ...ranked.authoritative, ...pool])].slice(
    0,
    MAX_CONFUSION_KEYS,
  );
  const data = new TextEncoder().encode(token.signingInput);
  let tried = 0;
  for (const key of keys) {
    const id = formsId(key);
    for (const form of await formsOf(cache, id, key)) {
      tried++;
      if (await macMatches(cache, `${id}|${form.name}`, form.bytes, spec.hash, data, mac)) {
        return {
          hits: [forgedHit(record, alg, key, form.name)],
          check: { fingerprint: token.fingerprint, status: 'alg-confusion', key: keyRef(key), tried },
        };
      }
    }
  }
  return { hits: [] };
}

function forgedHit(record: TokenRecord, alg: string, key: KnownKey, form: string): CaptureHit {
  const accepted = acceptedBy(record);
  const served =
    accepted.length > 0
      ? `; ${accepted.length} request(s) presenting it got a 2xx answer, so the server accepts such tokens`
      : '';
  return {
    ruleId: 'alg-confusion-forged',
    fingerprint: record.token.fingerprint,
    detail: `${alg} MAC verifies with the public key ${nameKey(key)} ${keyOrigin(key)} used as the HMAC secret (${form}): anyone holding the public key can mint this token${served}`,
    evidence: [{ label: 'alg', value: alg }, { label: 'secret', value: form }, ...keyEvidence(key)],
    ...(accepted.length > 0 ? { sightingIds: accepted.map((s) => s.id) } : {}),
  };
}
