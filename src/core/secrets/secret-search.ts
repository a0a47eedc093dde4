import type { CaptureHit, ParsedToken } from '../types';
import type { TokenWithSightings } from './capture-candidates';
import { bytesEqual, hmacDigest } from './hmac';
import { createHmacCracker, type EngineChoice } from './hmac-cracker';
import { collectHmacTargets } from './hmac-targets';
import type { HmacTarget } from './hmac-types';
import { type CandidateBatch, candidateAt } from './pack-candidates';
import { buildSecretHit, type SecretOrigin } from './secret-hits';

/** A dictionary search over all HS tokens of a capture, fed batch by batch from any source. */
export interface SecretSearch {
  /** Every distinct HS token. */
  readonly targets: readonly HmacTarget[];
  /** The tokens dictionaries run against: one per key group (see collectHmacTargets). */
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

/** Prepares a search over the HS256/384/512 tokens among `tokens`. */
export function createSecretSearch(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: { engine?: EngineChoice } = {},
): SecretSearch {
  const { targets, owners, representatives } = collectHmacTargets(tokens);
  const repTargets = representatives.map((i) => targets[i]!);
  const cracker = createHmacCracker(repTargets, options);
  const crackedTargets = new Set<number>();
  const crackedReps = new Set<number>();
  const encoder = new TextEncoder();
  const repOf = new Map(representatives.map((t, rep) => [t, rep]));

  const reportFound = (index: number, secret: Uint8Array, origin: SecretOrigin): CaptureHit[] => {
    const hits: CaptureHit[] = [];
    targets.forEach((target, t) => {
      if (crackedTargets.has(t)) return;
      if (
        t !== representatives[index] &&
        !bytesEqual(hmacDigest(target.alg, secret, encoder.encode(target.signingInput)), target.signature)
      )
        return;
      crackedTargets.add(t);
      hits.push(buildSecretHit(owners[t]!, target.alg, secret, origin));
      const rep = repOf.get(t);
      if (rep !== undefined) {
        crackedReps.add(rep);
        cracker.markCracked(rep);
      }
    });
    return hits;
  };

  return {
    targets,
    representatives: repTargets,
    engine: cracker.engine,
    tryBatch(batch, origin) {
      if (cracker.remaining() === 0) return [];
      return cracker.tryBatch(batch.bytes, batch.offsets, batch.count, batch.ends).flatMap((match) => {
        const secret = candidateAt(batch, match.candidate).slice();
        return reportFound(match.target, secret, origin(match.candidate));
      });
    },
    reportFound,
    done: () => cracker.remaining() === 0,
    crackedRepresentatives: () => crackedReps,
    crackedTokens: () => crackedTargets.size,
  };
}
