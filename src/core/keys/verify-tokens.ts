import type { CaptureHit, KeyDocument, TokenRecord } from '../types';
import { isAsymmetricAlg, isHmacAlg } from './alg-compat';
import { checkAlgConfusion, createConfusionCache } from './check-alg-confusion';
import { checkSignature } from './check-signature';
import { collectTrafficKeys } from './collect-keys';
import { checkJwk } from './jwk-check';
import { MIN_RSA_BITS, rsaTooShortHit } from './key-findings';
import { rsaBitsOf } from './known-key';
import { loadPublishedKeys } from './load-published';
import type { KnownKey, SignatureCheck } from './types';
import { createVerifier, type Verifier } from './verify-jws';

/** Everything the signature checks found in one capture. */
export interface VerifyTokensResult {
  hits: CaptureHit[];
  /** One line per key set, key or check that could not be used, and why. */
  problems: string[];
  /** Per signed token: what verified it, or why nothing did. */
  verified: SignatureCheck[];
}

interface Run {
  pool: KnownKey[];
  published: KnownKey[];
  verify: Verifier;
  cache: ReturnType<typeof createConfusionCache>;
  result: VerifyTokensResult;
  related: Set<KnownKey>;
}

/** `rsa-key-too-short` for an RSA key embedded in the header (`jwk`, RFC 7515 §4.1.3). */
function embeddedKeyHits(record: TokenRecord): CaptureHit[] {
  const checked = checkJwk(record.token.header?.jwk);
  if (!checked.ok || checked.jwk.kty !== 'RSA') return [];
  const bits = rsaBitsOf(checked.jwk.n) ?? 0;
  if (bits >= MIN_RSA_BITS) return [];
  return [
    {
      ruleId: 'rsa-key-too-short',
      fingerprint: record.token.fingerprint,
      detail: `the jwk header embeds an RSA key with a ${bits}-bit modulus; RFC 7518 requires at least ${MIN_RSA_BITS} bits`,
      evidence: [{ label: 'modulus bits', value: String(bits) }],
    },
  ];
}

async function checkRecord(run: Run, record: TokenRecord): Promise<void> {
  const { token } = record;
  const alg = token.header?.alg;
  if (token.kind !== 'jws' || !token.signature || token.signature.length === 0) return;
  run.result.hits.push(...embeddedKeyHits(record));
  if (isAsymmetricAlg(alg)) {
    const outcome = await checkSignature(record, alg, run.pool, run.published, run.verify);
    run.result.hits.push(...outcome.hits);
    run.result.verified.push(outcome.check);
    for (const line of outcome.problems) run.result.problems.push(`token ${token.fingerprint}: ${line}`);
    for (const key of outcome.related) {
      run.related.add(key);
      if ((key.rsaBits ?? MIN_RSA_BITS) < MIN_RSA_BITS)
        run.result.hits.push(rsaTooShortHit(key, token.fingerprint));
    }
  } else if (isHmacAlg(alg) && run.pool.length > 0) {
    const outcome = await checkAlgConfusion(record, alg, run.pool, run.cache);
    run.result.hits.push(...outcome.hits);
    if (outcome.check) run.result.verified.push(outcome.check);
  }
}

/**
 * Verifies every signed token of a capture with the key sets seen in it (JWKS tied to issuers by their
 * discovery documents), keys the auditor supplied, and the published example keys; grades the keys; and
 * looks for HS tokens made with a public key. Nothing is fetched. Never throws: what cannot be used is
 * reported in `problems`, and the other tokens are still checked.
 */
export async function verifyTokens(
  records: readonly TokenRecord[],
  keyDocuments: readonly KeyDocument[],
  userKeys: readonly KnownKey[] = [],
): Promise<VerifyTokensResult> {
  const traffic = await collectTrafficKeys(keyDocuments);
  const result: VerifyTokensResult = { hits: [], problems: [...traffic.problems], verified: [] };
  const run: Run = {
    pool: [...traffic.keys, ...userKeys],
    published: await loadPublishedKeys(),
    verify: createVerifier(),
    cache: createConfusionCache(),
    result,
    related: new Set(),
  };
  for (const record of records) {
    try {
      await checkRecord(run, record);
    } catch (error) {
      // Defence in depth: each check catches what jose and WebCrypto throw; one token must not stop the rest.
      result.problems.push(
        `token ${record.token.fingerprint}: signature check failed (${error instanceof Error ? error.name : 'error'})`,
      );
    }
  }
  for (const key of run.pool) {
    if (!run.related.has(key) && (key.rsaBits ?? MIN_RSA_BITS) < MIN_RSA_BITS)
      result.hits.push(rsaTooShortHit(key, ''));
  }
  result.problems = [...new Set(result.problems)];
  return result;
}
