import { bytesEqual, hmacDigest } from './hmac';
import { type BatchEngine, type HmacMatch, type HmacTarget, MAC_LENGTH } from './hmac-types';
import { createHs256JsEngine } from './hs256-js';
import { createHs256WasmEngine } from './hs256-wasm';
import { createHs512JsEngine } from './hs512-js';
import { MAX_TARGETS } from './wasm/hs256-x4-kernel';

/** `simd`: the WebAssembly SIMD kernel for HS256 when it compiles (the default); `js`: scalar only. */
export type EngineChoice = 'simd' | 'js';

/** "One message, many keys": tries packed candidate keys against every HS token at once. */
export interface HmacCracker {
  /**
   * Tries candidates `0 … count-1`, candidate i being `candidates[offsets[i] .. offsets[i + 1])` (or
   * `.. ends[i])` when `ends` is given); returns the confirmed matches. A target is reported once, by
   * its first matching candidate, then skipped. Allocates nothing per candidate.
   */
  tryBatch(candidates: Uint8Array, offsets: Int32Array, count: number, ends?: Int32Array): HmacMatch[];
  /** Targets that can still be cracked (well-formed and not cracked yet). */
  remaining(): number;
  isCracked(target: number): boolean;
  /** Stops testing a target cracked elsewhere (another worker, another source). */
  markCracked(target: number): void;
  /** The HS256 engine in use. */
  readonly engine: EngineChoice;
}

interface Prepared {
  target: number;
  alg: HmacTarget['alg'];
  message: Uint8Array;
  mac: Uint8Array;
}

function buildEngines(
  prepared: Prepared[],
  choice: EngineChoice,
): { engines: BatchEngine[]; engine: EngineChoice } {
  const hs256 = prepared.filter((p) => p.alg === 'HS256');
  const hs512 = prepared.filter((p) => p.alg !== 'HS256') as (Prepared & { alg: 'HS384' | 'HS512' })[];
  const engines: BatchEngine[] = [];
  let engine: EngineChoice = 'js';
  // The kernel's target table holds MAX_TARGETS; more targets get more kernel instances.
  for (let at = 0; at < hs256.length; at += MAX_TARGETS) {
    const chunk = hs256.slice(at, at + MAX_TARGETS);
    const simd = choice === 'simd' ? createHs256WasmEngine(chunk) : null;
    if (simd) engine = 'simd';
    engines.push(simd ?? createHs256JsEngine(chunk));
  }
  if (hs512.length > 0) engines.push(createHs512JsEngine(hs512));
  return { engines, engine };
}

/** The well-formed targets: MAC length right for the algorithm (others can never match). */
function prepareTargets(targets: readonly HmacTarget[]): Prepared[] {
  const encoder = new TextEncoder();
  const prepared: Prepared[] = [];
  targets.forEach((t, target) => {
    if (t.signature.length !== MAC_LENGTH[t.alg]) return;
    prepared.push({ target, alg: t.alg, message: encoder.encode(t.signingInput), mac: t.signature });
  });
  return prepared;
}

/** An engine hit passed a 32-bit check only: the full HMAC decides. */
function confirm(p: Prepared | undefined, bytes: Uint8Array, start: number, end: number): boolean {
  return p !== undefined && bytesEqual(hmacDigest(p.alg, bytes.subarray(start, end), p.message), p.mac);
}

/**
 * Prepares an HMAC dictionary cracker for `targets` (all HS tokens of a capture). Targets whose MAC has
 * the wrong length for their algorithm can never match and are left out. Never throws for bad input.
 */
export function createHmacCracker(
  targets: readonly HmacTarget[],
  options: { engine?: EngineChoice } = {},
): HmacCracker {
  const prepared = prepareTargets(targets);
  const { engines, engine } = buildEngines(prepared, options.engine ?? 'simd');
  const byTarget = new Map(prepared.map((p) => [p.target, p]));
  const cracked = new Set<number>();
  const markCracked = (target: number): void => {
    if (!byTarget.has(target) || cracked.has(target)) return;
    cracked.add(target);
    for (const e of engines) e.deactivate(target);
  };
  return {
    engine,
    tryBatch(candidates, offsets, count, ends = offsets.subarray(1)) {
      const matches: HmacMatch[] = [];
      for (const batchEngine of engines) {
        batchEngine.run(candidates, offsets, ends, count, (candidate, target) => {
          if (
            cracked.has(target) ||
            !confirm(byTarget.get(target), candidates, offsets[candidate]!, ends[candidate]!)
          )
            return;
          markCracked(target);
          matches.push({ target, candidate });
        });
      }
      return matches;
    },
    remaining: () => prepared.length - cracked.size,
    isCracked: (target) => cracked.has(target),
    markCracked,
  };
}
