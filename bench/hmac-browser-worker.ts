/**
 * Web Worker for bench/hmac-browser.mjs: the engine as the panel's worker would run it. Receives a slice
 * of a wordlist file (whole lines) and an HS256 target, splits and cracks it, reports candidates tried
 * and the secret's line if found.
 */
import { createHmacCracker } from '../src/core/secrets/hmac-cracker';
import type { HmacTarget } from '../src/core/secrets/hmac-types';
import { prepareHs256Kernel } from '../src/core/secrets/hs256-wasm';
import { candidateAt } from '../src/core/secrets/pack-candidates';
import { createWordlistSplitter } from '../src/core/secrets/wordlist-splitter';

interface Job {
  target: HmacTarget;
  bytes: Uint8Array;
  atFileStart: boolean;
}

const CHUNK = 256 * 1024;

function crack(job: Job): { tried: number; found: string | null; engine: string } {
  const cracker = createHmacCracker([job.target]);
  const splitter = createWordlistSplitter({ atFileStart: job.atFileStart });
  let tried = 0;
  let found: string | null = null;
  const run = (batch: ReturnType<typeof splitter.end>): void => {
    for (const match of cracker.tryBatch(batch.bytes, batch.offsets, batch.count, batch.ends)) {
      found = new TextDecoder().decode(candidateAt(batch, match.candidate));
    }
    tried += batch.count;
  };
  for (let at = 0; at < job.bytes.length && cracker.remaining() > 0; at += CHUNK) {
    run(splitter.push(job.bytes.subarray(at, at + CHUNK)));
  }
  run(splitter.end());
  return { tried, found, engine: cracker.engine };
}

self.onmessage = async (event: MessageEvent<Job | 'warm-up'>) => {
  if (event.data === 'warm-up') {
    // Compiles the kernel (async: the way a page must) before the timed run.
    postMessage({ ready: await prepareHs256Kernel() });
    return;
  }
  postMessage(crack(event.data));
};
