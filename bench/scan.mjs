// `jwt-lens scan` of a 50 MB, 10,000-entry HAR vs JSON.parse of the same file, each in its own Node
// process so wall time and peak memory (maxRSS) are comparable. Target (issue 17, tightened from issue 2’s 2×): scan ≤ 1.5× the time and
// ≤ 1.5× the peak memory of reading + parsing the file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeHar } from './generate.mjs';
import { measureProcess } from './measure-process.mjs';

const DIR = join(import.meta.dirname, '..', '.bench');
const HAR = join(DIR, 'bench-50mb.har');
const ROUNDS = 3;
const BIN = join(import.meta.dirname, '..', 'bin', 'jwt-lens.js');

function best(args, env) {
  let bestMs = Infinity;
  let rssKb = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const m = measureProcess(args, env);
    bestMs = Math.min(bestMs, m.ms);
    rssKb = Math.max(rssKb, m.rssKb);
  }
  return { ms: bestMs, rssKb };
}

export function runScanBench() {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(HAR, JSON.stringify(makeHar(10_000, 50_000_000)));
  const size = statSync(HAR).size;
  execFileSync(process.execPath, [BIN, '--version']);
  const base = best(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(HAR)}, 'utf8'))`]);
  const scanArgs = [
    BIN,
    'scan',
    HAR,
    '--format',
    'json',
    '--output',
    join(DIR, 'bench-report.json'),
    '--now',
    '2026-01-01T00:00:00Z',
  ];
  const scan = best(scanArgs);
  // The same scan with the entries captured on a worker thread (off by default below 256 MiB: see
  // PARALLEL_MIN_BYTES in src/cli/har-workers/read-har.ts).
  const worker = best(scanArgs, { JWT_LENS_CAPTURE_WORKERS: '1' });
  const t = scan.ms / base.ms;
  const report = readFileSync(join(DIR, 'bench-report.json'));
  const m = scan.rssKb / base.rssKb;
  console.log(
    `scan: ${(size / 1e6).toFixed(1)} MB HAR, 10,000 entries; whole processes, best of ${ROUNDS} (time), max of ${ROUNDS} (peak RSS)`,
  );
  console.log(
    `  baseline node: readFileSync + JSON.parse: ${base.ms.toFixed(0)} ms, peak RSS ${(base.rssKb / 1024).toFixed(0)} MiB`,
  );
  console.log(
    `  jwt-lens scan --format json:            ${scan.ms.toFixed(0)} ms, peak RSS ${(scan.rssKb / 1024).toFixed(0)} MiB`,
  );
  console.log(
    `  same, entries captured on 1 worker:     ${worker.ms.toFixed(0)} ms, peak RSS ${(worker.rssKb / 1024).toFixed(0)} MiB`,
  );
  console.log(
    `  time ratio ${t.toFixed(2)}× (target ≤ 1.5×) ${t <= 1.5 ? 'MET' : 'NOT MET'}; memory ratio ${m.toFixed(2)}× (target ≤ 1.5×) ${m <= 1.5 ? 'MET' : 'NOT MET'}`,
  );
  // Each finding carries its rule's title, why and references (readable alone, one line per finding):
  // about half the bytes, which compression takes back for transport (see the README's JSON report).
  console.log(
    `  report: ${(report.length / 1e6).toFixed(1)} MB, ${(gzipSync(report).length / 1e6).toFixed(1)} MB gzipped`,
  );
  return t <= 1.5 && m <= 1.5;
}

if (import.meta.url === `file://${process.argv[1]}`) runScanBench();
