import type { CaptureHit, TokenRecord } from '../types';
import { whyKeyCannotVerify } from './alg-compat';
import { type Candidates, selectCandidates, tokenHints } from './candidates';
import { keyAlgMismatchHit, keyEvidence, keyOrigin, keyRef, nameKey } from './key-findings';
import { signatureLengthFits } from './signature-shape';
import type { KnownKey, SignatureCheck } from './types';
import type { Verifier, VerifyOutcome } from './verify-jws';

/** What checking one signed token produced. */
export interface TokenCheck {
  hits: CaptureHit[];
  problems: string[];
  check: SignatureCheck;
  /** Keys this token names or verified with: their weaknesses are reported on the token. */
  related: KnownKey[];
  /** The published example key the signature verifies with, if any. */
  famous?: KnownKey;
}

interface Context {
  record: TokenRecord;
  alg: string;
  verify: Verifier;
  problems: string[];
  tried: number;
}

/** What a verifier answered, or what it threw (breaking its promise never to). */
type Answer = VerifyOutcome | { error: unknown };

/** A key's check: answered already, under way, or not needed (the signature cannot fit the key). */
type Attempt = { key: KnownKey; answer?: Answer | Promise<Answer> };

function ask(ctx: Context, key: KnownKey): Answer | Promise<Answer> {
  try {
    const outcome = ctx.verify(ctx.record.token, key, ctx.alg);
    return outcome instanceof Promise ? outcome.catch((error: unknown) => ({ error })) : outcome;
  } catch (error) {
    return { error };
  }
}

/**
 * Starts checking `keys` all at once, so asynchronous checks (WebCrypto, node:crypto's thread pool) run
 * in parallel; `firstValid` then reads the answers in key order. A key whose size rules out a signature
 * of this length gets no operation at all: it can only fail.
 */
function startAttempts(ctx: Context, keys: readonly KnownKey[]): Attempt[] {
  const length = ctx.record.token.signature?.length ?? 0;
  return keys.map((key) =>
    signatureLengthFits(key, ctx.alg, length) ? { key, answer: ask(ctx, key) } : { key },
  );
}

/**
 * The first key that verifies the token, reading `attempts` in order: the result, the problems
 * reported and the count of keys tried are those of trying the keys one by one and stopping there.
 */
async function firstValid(ctx: Context, attempts: readonly Attempt[]): Promise<KnownKey | undefined> {
  for (const attempt of attempts) {
    ctx.tried++;
    if (attempt.answer === undefined) continue;
    const outcome = attempt.answer instanceof Promise ? await attempt.answer : attempt.answer;
    if (outcome === 'valid') return attempt.key;
    if (outcome === 'invalid') continue;
    if ('error' in outcome) throw outcome.error;
    ctx.problems.push(
      `key ${nameKey(attempt.key)} ${keyOrigin(attempt.key)} could not verify ${ctx.alg}: ${outcome.problem}`,
    );
  }
  return undefined;
}

function hit(ctx: Context, ruleId: string, detail: string, key?: KnownKey): CaptureHit {
  const evidence = [{ label: 'alg', value: ctx.alg }, ...(key ? keyEvidence(key) : [])];
  return { ruleId, fingerprint: ctx.record.token.fingerprint, detail, evidence };
}

function invalidHit(ctx: Context, candidates: Candidates): CaptureHit {
  const { iss, kid } = tokenHints(ctx.record.token);
  const named = candidates.kidMatches[0];
  const unfit = named ? whyKeyCannotVerify(named.jwk, ctx.alg) : null;
  const why = unfit
    ? `the key named by kid "${kid}" cannot verify it: ${unfit}`
    : kid !== undefined && !named
      ? `kid "${kid}" is not among the issuer's ${candidates.authoritative.length} key(s), none of which verifies it`
      : `none of the ${candidates.authoritative.length} key(s) of ${iss ? `issuer ${iss}` : 'the issuer'} verifies it`;
  // Stays high when a server accepted the token: `sig-invalid-accepted` (critical, on the lifecycle model's
  // verdicts) reports the acceptance, so one fact is not two critical findings.
  return hit(ctx, 'sig-invalid', `${ctx.alg} signature does not verify: ${why}`);
}

function unverifiableHit(ctx: Context, pool: readonly KnownKey[], candidates: Candidates): CaptureHit {
  const { iss } = tokenHints(ctx.record.token);
  const detail =
    pool.length === 0
      ? `no key set was seen in the capture and none was supplied, so the ${ctx.alg} signature was not checked`
      : candidates.tryKeys.length === 0
        ? `none of the ${pool.length} known key(s) can verify ${ctx.alg}`
        : `none of the ${candidates.tryKeys.length} key(s) tried verifies it, and none is known to belong to ${iss ? `issuer ${iss}` : 'its issuer'}`;
  return hit(ctx, 'sig-unverifiable', detail);
}

function mismatchHits(ctx: Context, candidates: Candidates, verified: KnownKey | undefined): CaptureHit[] {
  const hits = candidates.kidMatches.map((key) =>
    keyAlgMismatchHit(key, ctx.alg, ctx.record, 'named by kid'),
  );
  if (verified && !candidates.kidMatches.includes(verified)) {
    hits.push(keyAlgMismatchHit(verified, ctx.alg, ctx.record, 'that verified the signature'));
  }
  return hits.filter((h): h is CaptureHit => h !== null);
}

/**
 * Checks one JWS signed with a public-key algorithm against the known keys and the published example keys
 * (`published`: only those whose type and curve fit `alg`, see `publishedFor`):
 * `sig-verified`, `sig-invalid` (high: a server accepting it is `sig-invalid-accepted`), `sig-unverifiable`,
 * `key-publicly-known` and `key-alg-mismatch`.
 */
export async function checkSignature(
  record: TokenRecord,
  alg: string,
  pool: readonly KnownKey[],
  published: readonly KnownKey[],
  verify: Verifier,
): Promise<TokenCheck> {
  const ctx: Context = { record, alg, verify, problems: [], tried: 0 };
  const candidates = selectCandidates(record.token, alg, pool);
  const own = startAttempts(ctx, candidates.tryKeys);
  const known = startAttempts(ctx, published);
  // Most tokens of a capture without key sets have no key to try: no await then (two per token).
  const verified = own.length > 0 ? await firstValid(ctx, own) : undefined;
  const famous = known.length > 0 ? await firstValid(ctx, known) : undefined;
  const hits = mismatchHits(ctx, candidates, verified);
  const fingerprint = record.token.fingerprint;
  let check: SignatureCheck = { fingerprint, status: 'unverifiable', tried: 0 };
  if (verified) {
    hits.push(
      hit(
        ctx,
        'sig-verified',
        `${alg} signature verified with key ${nameKey(verified)} ${keyOrigin(verified)}`,
        verified,
      ),
    );
    check = { fingerprint, status: 'verified', key: keyRef(verified), tried: 0 };
  } else if (candidates.authoritative.length > 0) {
    hits.push(invalidHit(ctx, candidates));
    check = { fingerprint, status: 'invalid', tried: 0 };
  } else if (!famous) hits.push(unverifiableHit(ctx, pool, candidates));
  if (famous) {
    const detail = `${alg} signature verifies with ${keyOrigin(famous)}, whose private key is published: anyone can mint this token`;
    hits.push({ ...hit(ctx, 'key-publicly-known', detail, famous), severity: 'critical' });
    check = { fingerprint, status: 'published-key', key: keyRef(famous), tried: 0 };
  }
  check.tried = ctx.tried;
  const related = [...new Set([...candidates.kidMatches, ...(verified ? [verified] : [])])];
  const result: TokenCheck = { hits, problems: ctx.problems, check, related };
  if (famous) result.famous = famous;
  return result;
}
