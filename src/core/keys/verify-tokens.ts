import { addNestedHit, nestedLabel } from '../rules/nested-hits';
import { tokenLayers } from '../token/claims-layer';
import type { CaptureHit, KeyDocument, ParsedToken, TokenRecord } from '../types';
import { isAsymmetricAlg, isHmacAlg, whyKeyCannotVerify } from './alg-compat';
import { checkAlgConfusion, createConfusionCache } from './check-alg-confusion';
import { checkSignature, type TokenCheck } from './check-signature';
import { collectTrafficKeys } from './collect-keys';
import { checkJwk } from './jwk-check';
import { MIN_RSA_BITS, rsaTooShortHit } from './key-findings';
import { rsaBitsOf } from './known-key';
import { publishedKeys } from './load-published';
import { publishedTokenHit } from './published-token-check';
import { signingKeyGroup } from './signing-key-group';
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

/** How `verifyTokens` runs its checks. */
export interface VerifyOptions {
  /**
   * Checks one (token, key, alg); default: jose over WebCrypto (`createVerifier`). The CLI passes one
   * over node:crypto that gives the same answers without jose's per-call parsing and error objects.
   */
  verifier?: Verifier;
  /**
   * Tokens checked at a time (default 16). The public-key operations are asynchronous (WebCrypto and
   * node:crypto run them off the calling thread), so several in flight keep every core busy; results
   * are assembled in record order, so the outcome does not depend on this number.
   */
  concurrency?: number;
  /**
   * Probe the published example keys with every token (the CLI's `--verify-each`). By default they are
   * probed with one token per signing key (`signingKeyGroup`: same alg, iss, kid and host): a token
   * that verifies with none tells the same of its key, so the group's other tokens skip them, and once
   * one verifies with a published key the others are checked against that key alone. Tokens are still
   * verified one by one against the capture's key sets and `--jwks` keys.
   */
  eachToken?: boolean;
}

const DEFAULT_CONCURRENCY = 16;

interface Run {
  pool: KnownKey[];
  /** Published keys whose type and curve fit each alg, computed once per alg. */
  publishedFor: (alg: string) => KnownKey[];
  verify: Verifier;
  cache: ReturnType<typeof createConfusionCache>;
  eachToken: boolean;
  /**
   * Per signing-key group: the published key its first token verified with, `null` for none, `undefined`
   * when that check failed (the group's other tokens then probe every key themselves).
   */
  probes: Map<string, Promise<KnownKey | null | undefined>>;
}

/** What checking one record produced; merged into the result in record order. */
interface RecordOutcome {
  fingerprint: string;
  hits: CaptureHit[];
  verified?: SignatureCheck;
  problems: string[];
  related: KnownKey[];
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

/**
 * Checks one record into `out` (hits are added as they are found, so a later failure keeps them).
 * `nested`: the record stands for the inner token of a nested JWT (see `settleRecord`).
 */
async function checkRecord(
  run: Run,
  record: TokenRecord,
  out: RecordOutcome,
  nested: boolean,
): Promise<void> {
  const { token } = record;
  const alg = token.header?.alg;
  out.hits.push(...embeddedKeyHits(record));
  if (isAsymmetricAlg(alg)) {
    const outcome = await checkWithPublished(run, record, alg, nested);
    out.hits.push(...outcome.hits);
    out.verified = outcome.check;
    for (const line of outcome.problems) out.problems.push(`token ${token.fingerprint}: ${line}`);
    out.related = outcome.related;
  } else if (isHmacAlg(alg)) {
    if (run.pool.length === 0) return;
    const outcome = await checkAlgConfusion(record, alg, run.pool, run.cache);
    out.hits.push(...outcome.hits);
    if (outcome.check) out.verified = outcome.check;
  } else {
    // An alg JWT Lens cannot verify (ML-DSA): a published example token is still recognised, byte for byte.
    const known = publishedTokenHit(record);
    if (!known) return;
    out.hits.push(known);
    out.verified = { fingerprint: token.fingerprint, status: 'published-key', tried: 0 };
  }
}

/**
 * `checkSignature`, probing the published keys once per signing-key group (see `eachToken`). The first
 * token of a group probes them all; the others wait for its answer and try only the key it found.
 */
async function checkWithPublished(
  run: Run,
  record: TokenRecord,
  alg: string,
  nested: boolean,
): Promise<TokenCheck> {
  const published = run.publishedFor(alg);
  const group =
    run.eachToken || published.length === 0
      ? undefined
      : signingKeyGroup(record.token, nested, record.sightings);
  if (group === undefined) return checkSignature(record, alg, run.pool, published, run.verify);
  const probe = run.probes.get(group);
  if (!probe) {
    const first = checkSignature(record, alg, run.pool, published, run.verify);
    run.probes.set(
      group,
      first.then(
        (outcome) => outcome.famous ?? null,
        () => undefined,
      ),
    );
    return first;
  }
  const found = await probe;
  const keys = found === undefined ? published : found ? [found] : [];
  return checkSignature(record, alg, run.pool, keys, run.verify);
}

function isSigned(token: ParsedToken): boolean {
  return token.kind === 'jws' && token.signature !== undefined && token.signature.length > 0;
}

/** `checkRecord` that never rejects: one token must not stop the rest. */
async function settleLayer(
  run: Run,
  record: TokenRecord,
  out: RecordOutcome,
  nested: boolean,
): Promise<void> {
  try {
    await checkRecord(run, record, out, nested);
  } catch (error) {
    // Defence in depth: each check catches what jose and WebCrypto throw.
    const name = error instanceof Error ? error.name : 'error';
    out.problems.push(`token ${record.token.fingerprint}: signature check failed (${name})`);
  }
}

/**
 * Checks a record's signed layers: the token as presented and, for a nested JWT, each signed inner token
 * (RFC 8725 §3.3: validate both layers). Inner results are reported on the outer token, their details
 * starting "Nested token:". `undefined` when no layer is signed.
 */
async function settleRecord(run: Run, record: TokenRecord): Promise<RecordOutcome | undefined> {
  const { token } = record;
  // Most tokens have one layer: checked without listing the layers.
  if (!token.nested) {
    if (!isSigned(token)) return undefined;
    const own: RecordOutcome = { fingerprint: token.fingerprint, hits: [], problems: [], related: [] };
    await settleLayer(run, record, own, false);
    return own;
  }
  const layers = tokenLayers(token).filter((layer) => isSigned(layer.token));
  if (layers.length === 0) return undefined;
  const out: RecordOutcome = { fingerprint: token.fingerprint, hits: [], problems: [], related: [] };
  for (const layer of layers) {
    if (layer.level === 0) {
      await settleLayer(run, record, out, false);
      continue;
    }
    const inner: RecordOutcome = { fingerprint: token.fingerprint, hits: [], problems: [], related: [] };
    await settleLayer(run, { ...record, token: layer.token }, inner, true);
    for (const hit of inner.hits)
      addNestedHit(out.hits, { ...hit, fingerprint: token.fingerprint }, nestedLabel(layer.level));
    out.problems.push(...inner.problems);
    out.related.push(...inner.related);
  }
  return out;
}

/** Runs `settleRecord` over every record, `concurrency` at a time; outcomes in record order. */
async function checkAll(
  run: Run,
  records: readonly TokenRecord[],
  concurrency: number,
): Promise<(RecordOutcome | undefined)[]> {
  const outcomes: (RecordOutcome | undefined)[] = new Array(records.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < records.length; index = next++) {
      const record = records[index];
      if (record) outcomes[index] = await settleRecord(run, record);
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, records.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}

function publishedByAlg(published: readonly KnownKey[]): (alg: string) => KnownKey[] {
  const byAlg = new Map<string, KnownKey[]>();
  return (alg) => {
    let keys = byAlg.get(alg);
    if (!keys) {
      keys = published.filter((key) => whyKeyCannotVerify(key.jwk, alg) === null);
      byAlg.set(alg, keys);
    }
    return keys;
  };
}

/** Keys gathered and imported, ready to check tokens with. */
export interface TokenChecks {
  /**
   * Checks `records` with the keys. The checks of the first `concurrency` tokens are under way when
   * this returns (with node:crypto or WebCrypto they run off this thread), so a caller can do other
   * work before awaiting the result.
   */
  check(records: readonly TokenRecord[]): Promise<VerifyTokensResult>;
}

/**
 * Gathers the keys for `verifyTokens`: key sets and discovery documents seen in the capture, the
 * auditor's keys and the published example keys. Nothing is fetched. Never throws.
 */
export async function prepareTokenChecks(
  keyDocuments: readonly KeyDocument[],
  userKeys: readonly KnownKey[] = [],
  options: VerifyOptions = {},
): Promise<TokenChecks> {
  const traffic = await collectTrafficKeys(keyDocuments);
  const run: Run = {
    pool: [...traffic.keys, ...userKeys],
    publishedFor: publishedByAlg(publishedKeys()),
    verify: options.verifier ?? createVerifier(),
    cache: createConfusionCache(),
    eachToken: options.eachToken ?? false,
    probes: new Map(),
  };
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  return {
    check: (records) =>
      checkAll(run, records, concurrency).then((outcomes) => assemble(run, traffic.problems, outcomes)),
  };
}

/** The result from the records' outcomes, in record order. */
function assemble(
  run: Run,
  keyProblems: readonly string[],
  outcomes: readonly (RecordOutcome | undefined)[],
): VerifyTokensResult {
  const result: VerifyTokensResult = { hits: [], problems: [...keyProblems], verified: [] };
  const related = new Set<KnownKey>();
  for (const outcome of outcomes) {
    if (!outcome) continue;
    result.hits.push(...outcome.hits);
    if (outcome.verified) result.verified.push(outcome.verified);
    result.problems.push(...outcome.problems);
    for (const key of outcome.related) {
      related.add(key);
      if ((key.rsaBits ?? MIN_RSA_BITS) < MIN_RSA_BITS)
        result.hits.push(rsaTooShortHit(key, outcome.fingerprint));
    }
  }
  for (const key of run.pool) {
    if (!related.has(key) && (key.rsaBits ?? MIN_RSA_BITS) < MIN_RSA_BITS)
      result.hits.push(rsaTooShortHit(key, ''));
  }
  result.problems = [...new Set(result.problems)];
  return result;
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
  options: VerifyOptions = {},
): Promise<VerifyTokensResult> {
  return (await prepareTokenChecks(keyDocuments, userKeys, options)).check(records);
}
