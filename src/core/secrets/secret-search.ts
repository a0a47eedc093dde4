import type { CaptureHit, ParsedToken } from '../types';
import type { TokenWithSightings } from './capture-candidates';
import { createHmacCracker, type EngineChoice } from './hmac-cracker';
import { collectHmacTargets } from './hmac-targets';
import type { HmacTarget } from './hmac-types';
import type { CandidateBatch } from './pack-candidates';
import { buildSecretHit, type SecretOrigin } from './secret-hits';

/** A dictionary search over all HS tokens of a capture, fed batch by batch from any source. */
export interface SecretSearch {
  readonly targets: readonly HmacTarget[];
  readonly engine: EngineChoice;
  /** Tries a batch; `origin(i)` says where candidate i came from. Returns the findings it produced. */
  tryBatch(batch: CandidateBatch, origin: (candidate: number) => SecretOrigin): CaptureHit[];
  /** Records a secret found elsewhere (a worker thread) for target `target`. */
  report(target: number, secret: Uint8Array, origin: SecretOrigin): CaptureHit;
  /** True once every crackable token is cracked: the caller can stop feeding candidates. */
  done(): boolean;
  /** Targets cracked so far (indices into `targets`). */
  cracked(): ReadonlySet<number>;
}

/** Prepares a search over the HS256/384/512 tokens among `tokens`. */
export function createSecretSearch(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: { engine?: EngineChoice } = {},
): SecretSearch {
  const { targets, owners } = collectHmacTargets(tokens);
  const cracker = createHmacCracker(targets, options);
  const cracked = new Set<number>();
  const report = (target: number, secret: Uint8Array, origin: SecretOrigin): CaptureHit => {
    cracked.add(target);
    cracker.markCracked(target);
    return buildSecretHit(owners[target]!, targets[target]!.alg, secret, origin);
  };
  return {
    targets,
    engine: cracker.engine,
    tryBatch(batch, origin) {
      if (cracker.remaining() === 0) return [];
      return cracker
        .tryBatch(batch.bytes, batch.offsets, batch.count)
        .filter((match) => !cracked.has(match.target))
        .map((match) => {
          const secret = batch.bytes.slice(
            batch.offsets[match.candidate],
            batch.offsets[match.candidate + 1],
          );
          return report(match.target, secret, origin(match.candidate));
        });
    },
    report,
    done: () => cracker.remaining() === 0,
    cracked: () => cracked,
  };
}
