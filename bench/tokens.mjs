// `jwt-lens scan tokens.txt --format json` of a 20,000-line token list vs a process that only splits the
// lines, base64url-decodes each token's header and payload and `JSON.parse`s them: each in its own Node
// process (start-up included: on a token list it is a large part of the run), interleaved rounds, best
// wall time and CPU time of each. Target (issue 17): the scan ≤ 3× the baseline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTokens } from './generate.mjs';
import { measureProcess } from './measure-process.mjs';

const DIR = join(import.meta.dirname, '..', '.bench');
const LIST = join(DIR, 'tokens-20k.txt');
const BIN = join(import.meta.dirname, '..', 'bin', 'jwt-lens.js');
const LINES = 20_000;
const ROUNDS = 5;
const TARGET = 3;

const BASELINE = `
const lines = require('fs').readFileSync(${JSON.stringify(LIST)}, 'utf8').split('\\n');
let n = 0;
for (const line of lines) {
  const parts = line.trim().split('.');
  if (parts.length !== 3) continue;
  JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  n++;
}
if (n !== ${LINES}) throw new Error('decoded ' + n);
`;

export function runTokensBench() {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(LIST, `${makeTokens(LINES).join('\n')}\n`);
  const scanArgs = [BIN, 'scan', LIST, '--format', 'json', '--output', join(DIR, 'tokens-report.json')];
  const best = {
    base: { ms: Infinity, cpuMs: Infinity, rssMb: 0 },
    scan: { ms: Infinity, cpuMs: Infinity, rssMb: 0 },
  };
  // Interleaved, so a burst of load from elsewhere weighs on both sides alike.
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, args] of [
      ['base', ['-e', BASELINE]],
      ['scan', [...scanArgs, '--now', '2026-01-01T00:00:00Z']],
    ]) {
      const m = measureProcess(args);
      const b = best[name];
      b.ms = Math.min(b.ms, m.ms);
      b.cpuMs = Math.min(b.cpuMs, m.cpuMs);
      b.rssMb = Math.max(b.rssMb, m.rssMb);
    }
  }
  const line = (label, m) =>
    `  ${label} ${m.ms.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU, peak RSS ${m.rssMb.toFixed(0)} MiB`;
  const t = best.scan.ms / best.base.ms;
  const c = best.scan.cpuMs / best.base.cpuMs;
  console.log(
    `tokens: ${LINES.toLocaleString('en')}-line token list; whole processes, best of ${ROUNDS} interleaved`,
  );
  console.log(line('baseline node: split + base64url + JSON.parse:', best.base));
  console.log(line('jwt-lens scan --format json:                  ', best.scan));
  console.log(
    `  time ratio ${t.toFixed(2)}× (target ≤ ${TARGET}×) ${t <= TARGET ? 'MET' : 'NOT MET'}; CPU ratio ${c.toFixed(2)}×`,
  );
  return t <= TARGET;
}

if (import.meta.url === `file://${process.argv[1]}`) runTokensBench();
