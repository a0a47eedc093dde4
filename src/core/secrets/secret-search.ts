import type { CaptureHit, ParsedToken } from '../types';
import type { TokenWithSightings } from './capture-candidates';
import { bytesEqual, hmacDigest } from './hmac';
import { createHmacCracker, type EngineChoice, type HmacCracker } from './hmac-cracker';
import { type CollectOptions, collectHmacTargets, type HmacTargets } from './hmac-targets';
import type { HmacTarget } from './hmac-types';
import { type CandidateBatch, candidateAt } from './pack-candidates';
import { buildSecretHit, type SecretOrigin } from './secret-hits';

/** A dictionary search over all HS tokens of a capture, fed batch by batch from any source. */
export interface SecretSearch {
  /** Every distinct HS token. */
  readonly targets: readonly HmacTarget[];
  /** The tokens dictionaries run against: one per key group, or all (see collectHmacTargets). */
  readonly representatives: readonly HmacTarget[];
  readonly engine: EngineChoice;
  /** Tries a batch; `origin(i)` says where candidate i came from. Returns the findings it produced. */
  tryBatch(batch: CandidateBatch, origin: (candidate: number) => SecretOrigin): CaptureHit[];
  /**
   * Records a secret found elsewhere (a worker thread) for representative `index`, checks it against
   * every token not cracked yet, and returns a finding per token it opens.
   */
  reportFound(index: number, secret: Uint8Array, origin: SecretOrigin): CaptureHit[];
  /** True once every representative is cracked: the caller can stop feeding candidates. */
  done(): boolean;
  /** Representatives cracked so far (indices into `representatives`). */
  crackedRepresentatives(): ReadonlySet<number>;
  /** How many tokens are cracked. */
  crackedTokens(): number;
}

/** The search's state: every token, the representatives being cracked, and what is cracked. */
interface SearchState extends HmacTargets {
  cracker: HmacCracker;
  repOf: Map<number, number>;
  crackedTargets: Set<number>;
  crackedReps: Set<number>;
}

/** A secret found for representative `index`: a finding for every uncracked token it opens. */
function reportFound(s: SearchState, index: number, secret: Uint8Array, origin: SecretOrigin): CaptureHit[] {
  const hits: CaptureHit[] = [];
  const encoder = new TextEncoder();
  s.targets.forEach((target, t) => {
    if (s.crackedTargets.has(t)) return;
    const opens =
      t === s.representatives[index] ||
      bytesEqual(hmacDigest(target.alg, secret, encoder.encode(target.signingInput)), target.signature);
    if (!opens) return;
    s.crackedTargets.add(t);
    hits.push(buildSecretHit(s.owners[t]!, target.alg, secret, origin));
    const rep = s.repOf.get(t);
    if (rep !== undefined) {
      s.crackedReps.add(rep);
      s.cracker.markCracked(rep);
    }
  });
  return hits;
}

/** Prepares a search over the HS256/384/512 tokens among `tokens`. */
export function createSecretSearch(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: { engine?: EngineChoice } & CollectOptions = {},
): SecretSearch {
  const collected = collectHmacTargets(tokens, options);
  const representatives = collected.representatives.map((i) => collected.targets[i]!);
  const s: SearchState = {
    ...collected,
    cracker: createHmacCracker(representatives, options),
    repOf: new Map(collected.representatives.map((t, rep) => [t, rep])),
    crackedTargets: new Set(),
    crackedReps: new Set(),
  };
  return {
    targets: s.targets,
    representatives,
    engine: s.cracker.engine,
    tryBatch(batch, origin) {
      if (s.cracker.remaining() === 0) return [];
      return s.cracker.tryBatch(batch.bytes, batch.offsets, batch.count, batch.ends).flatMap((match) => {
        const secret = candidateAt(batch, match.candidate).slice();
        return reportFound(s, match.target, secret, origin(match.candidate));
      });
    },
    reportFound: (index, secret, origin) => reportFound(s, index, secret, origin),
    done: () => s.cracker.remaining() === 0,
    crackedRepresentatives: () => s.crackedReps,
    crackedTokens: () => s.crackedTargets.size,
  };
}
