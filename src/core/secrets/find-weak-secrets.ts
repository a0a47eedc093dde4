import type { CaptureHit, ParsedToken } from '../types';
import { builtInCandidateLists } from './candidate-lists';
import type { TokenWithSightings } from './capture-candidates';
import type { EngineChoice } from './hmac-cracker';
import { prepareHs256Kernel } from './hs256-wasm';
import { type CandidateBatch, packCandidates } from './pack-candidates';
import type { SecretOrigin } from './secret-hits';
import { createSecretSearch, type SecretSearch } from './secret-search';

/** Progress of a search: which source, how many candidates tried so far, how many tokens cracked. */
export interface SecretProgress {
  phase: 'published' | 'built-in' | 'capture' | 'wordlist';
  tried: number;
  cracked: number;
  targets: number;
}

/** A source of candidates the caller supplies (a wordlist the panel loaded, split into batches). */
export interface CandidateSource {
  name: string;
  batches: Iterable<CandidateBatch> | AsyncIterable<CandidateBatch>;
}

export interface FindWeakSecretsOptions {
  /** Published test secrets and the built-in weak list (default true). */
  builtIn?: boolean;
  /** Candidates derived from the capture (default true). */
  capture?: boolean;
  wordlists?: readonly CandidateSource[];
  engine?: EngineChoice;
  /** Every token against every candidate, not one per key group (see `collectHmacTargets`). */
  eachToken?: boolean;
  onProgress?: (progress: SecretProgress) => void;
  /** Stops between batches when aborted; the hits so far are returned. */
  signal?: AbortSignal;
}

const BATCH = 4096;

/** Hands control back between batches, so a panel stays responsive and can abort. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Run {
  search: SecretSearch;
  hits: CaptureHit[];
  report: (phase: SecretProgress['phase'], tried: number) => void;
  stopped: () => boolean;
}

async function runList(
  run: Run,
  phase: SecretProgress['phase'],
  candidates: readonly (string | Uint8Array)[],
  origin: (index: number) => SecretOrigin,
): Promise<void> {
  for (let start = 0; start < candidates.length && !run.stopped(); start += BATCH) {
    const batch = packCandidates(candidates.slice(start, start + BATCH));
    run.hits.push(...run.search.tryBatch(batch, (i) => origin(start + i)));
    run.report(phase, Math.min(candidates.length, start + BATCH));
    await breathe();
  }
}

async function runSource(run: Run, source: CandidateSource): Promise<void> {
  let tried = 0;
  for await (const batch of source.batches) {
    if (run.stopped()) break;
    run.hits.push(...run.search.tryBatch(batch, () => ({ kind: 'wordlist', name: source.name })));
    tried += batch.count;
    run.report('wordlist', tried);
  }
}

/**
 * Looks for the HMAC secret of every HS256/384/512 token: published test secrets first
 * (`key-publicly-known`), then the built-in weak list, candidates derived from the capture, and the given
 * wordlists (`hmac-weak-secret`). Stops as soon as every token is cracked. Never throws for bad tokens;
 * tokens that are not HS-signed JWS are ignored.
 */
export async function findWeakSecrets(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: FindWeakSecretsOptions = {},
): Promise<CaptureHit[]> {
  if (options.engine !== 'js') await prepareHs256Kernel();
  const search = createSecretSearch(tokens, {
    engine: options.engine ?? 'simd',
    eachToken: options.eachToken ?? false,
  });
  const run: Run = {
    search,
    hits: [],
    report: (phase, tried) =>
      options.onProgress?.({ phase, tried, cracked: search.crackedTokens(), targets: search.targets.length }),
    stopped: () => search.done() || options.signal?.aborted === true,
  };
  if (search.targets.length === 0) return run.hits;
  for (const list of builtInCandidateLists(tokens, options)) {
    if (!run.stopped()) await runList(run, list.phase, list.candidates, list.origin);
  }
  for (const source of options.wordlists ?? []) await runSource(run, source);
  return run.hits;
}
