import { SHA256_K } from '../crypto/sha256';
import type { BatchEngine, HitSink } from './hmac-types';
import { createHs256JsEngine } from './hs256-js';
import { innerScheduleSha256 } from './sha256-rounds';
import { buildHs256Kernel, CONTROL, DYNAMIC, HITS, MAX_TARGETS, TARGETS } from './wasm/hs256-x4-kernel';
import { K_TABLE } from './wasm/sha256-x4';

type RunKernel = (
  cand: number,
  starts: number,
  ends: number,
  start: number,
  count: number,
  targets: number,
) => number;

let compiled: WebAssembly.Module | null | undefined;

/**
 * Compiles the SIMD kernel once, asynchronously: the way to do it on a browser main thread, where
 * synchronous compilation of modules over 4 KiB is refused. Resolves to false when WebAssembly SIMD is
 * unavailable or forbidden (an extension page needs `'wasm-unsafe-eval'` in its CSP); callers then get the
 * scalar engine.
 */
export async function prepareHs256Kernel(): Promise<boolean> {
  if (compiled !== undefined) return compiled !== null;
  try {
    compiled = await WebAssembly.compile(buildHs256Kernel());
  } catch {
    compiled = null;
  }
  return compiled !== null;
}

/**
 * Uses a kernel compiled elsewhere (a worker thread receives the main thread's module, already warm,
 * instead of compiling and tiering up its own copy).
 */
export function adoptHs256Kernel(module: WebAssembly.Module): void {
  compiled = module;
}

/** The compiled kernel, compiling synchronously on first use (fine in workers and Node); null if unusable. */
export function hs256KernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(buildHs256Kernel()) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

const PAGE = 65536;
const SLACK = 80; // the kernel reads 64 bytes from a key's start, 16 at a time

interface Hs256Target {
  target: number;
  message: Uint8Array;
  mac: Uint8Array;
}

/** One kernel instance: its memory (with views refreshed after growth) and where the batch area starts. */
interface Kernel {
  memory: WebAssembly.Memory;
  run: RunKernel;
  i32: Int32Array;
  batchPointer: number;
  targets: readonly Hs256Target[];
}

function instantiate(module: WebAssembly.Module, targets: readonly Hs256Target[]): Kernel | null {
  const schedules = targets.map((t) => innerScheduleSha256(t.message));
  const scheduleBytes = schedules.reduce((sum, wk) => sum + wk.length * 4, 0);
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil((DYNAMIC + scheduleBytes + PAGE) / PAGE) });
    const run = new WebAssembly.Instance(module, { env: { memory } }).exports.run as RunKernel;
    const kernel: Kernel = { memory, run, i32: new Int32Array(memory.buffer), batchPointer: 0, targets };
    kernel.i32.set(SHA256_K, K_TABLE >> 2);
    kernel.batchPointer = writeTargets(kernel.i32, schedules, targets);
    return kernel;
  } catch {
    return null;
  }
}

/** The target table and the schedules it points to; returns the first free byte after them. */
function writeTargets(i32: Int32Array, schedules: Int32Array[], targets: readonly Hs256Target[]): number {
  let pointer = DYNAMIC;
  targets.forEach((t, index) => {
    const entry = (TARGETS >> 2) + index * 4;
    i32.set(schedules[index]!, pointer >> 2);
    i32[entry] = pointer;
    i32[entry + 1] = schedules[index]!.length / 64;
    i32[entry + 2] = new DataView(t.mac.buffer, t.mac.byteOffset).getInt32(28);
    i32[entry + 3] = 1;
    pointer += schedules[index]!.length * 4;
  });
  return pointer;
}

/** Copies starts and ends (each padded to whole lane groups with empty keys) and the bytes they span. */
function load(
  kernel: Kernel,
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
): number {
  // The span the keys occupy; candidates may come in any order, so take the real bounds.
  let [first, last] = [starts[0]!, ends[0]!];
  for (let i = 1; i < count; i++) {
    if (starts[i]! < first) first = starts[i]!;
    if (ends[i]! > last) last = ends[i]!;
  }
  const candPointer = kernel.batchPointer + 8 * (count + 8);
  const needed =
    Math.ceil((candPointer + (last - first) + SLACK) / PAGE) - kernel.memory.buffer.byteLength / PAGE;
  if (needed > 0) kernel.memory.grow(needed);
  const i32 = new Int32Array(kernel.memory.buffer);
  kernel.i32 = i32;
  const [startsAt, endsAt] = [kernel.batchPointer >> 2, (kernel.batchPointer >> 2) + count + 8];
  i32.set(starts.subarray(0, count), startsAt);
  i32.fill(last, startsAt + count, startsAt + count + 8);
  i32.set(ends.subarray(0, count), endsAt);
  i32.fill(last, endsAt + count, endsAt + count + 8);
  new Uint8Array(kernel.memory.buffer).set(bytes.subarray(first, last), candPointer);
  return candPointer - first;
}

/** Runs the kernel over the loaded batch, draining the hit table as often as it fills. */
function runLoaded(kernel: Kernel, cand: number, count: number, hit: HitSink): void {
  const { i32, targets, batchPointer } = kernel;
  for (let start = 0; start < count; start = i32[CONTROL >> 2]!) {
    const hits = kernel.run(cand, batchPointer, batchPointer + 4 * (count + 8), start, count, targets.length);
    for (let h = 0; h < hits; h++) {
      const group = i32[(HITS >> 2) + 2 * h]!;
      const target = targets[i32[(HITS >> 2) + 2 * h + 1]!]!.target;
      // The kernel says "some lane of this group": every lane is a candidate, confirmed by the caller.
      for (let lane = group; lane < Math.min(group + 4, count); lane++) hit(lane, target);
    }
  }
}

/**
 * The HS256 engine backed by the SIMD kernel. Keys longer than 64 bytes (hashed first, per RFC 2104) are
 * rare in dictionaries and go to the scalar engine; the kernel's result for them is never confirmed.
 * Returns null when the kernel cannot be compiled or instantiated, or there are too many targets.
 */
export function createHs256WasmEngine(targets: Hs256Target[]): BatchEngine | null {
  const module = hs256KernelModule();
  const kernel = module && targets.length <= MAX_TARGETS ? instantiate(module, targets) : null;
  if (!kernel) return null;
  const longKeys = createHs256JsEngine(targets);
  return {
    run(bytes, starts, ends, count, hit) {
      if (count <= 0) return;
      runLoaded(kernel, load(kernel, bytes, starts, ends, count), count, hit);
      for (let i = 0; i < count; i++) {
        if (ends[i]! - starts[i]! <= 64) continue;
        longKeys.run(bytes, starts.subarray(i, i + 1), ends.subarray(i, i + 1), 1, (_, target) =>
          hit(i, target),
        );
      }
    },
    deactivate(target) {
      const index = targets.findIndex((t) => t.target === target);
      if (index >= 0) kernel.i32[(TARGETS >> 2) + index * 4 + 3] = 0;
      longKeys.deactivate(target);
    },
  };
}
