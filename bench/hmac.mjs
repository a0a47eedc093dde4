// `jwt-lens scan token.txt --wordlist <1,000,000 words, secret on the last line>` against a one-thread
// `createHmac` loop over the same list, each a whole Node process (start-up, reading the list, cracking).
// Target (issue 3): the CLI at least 5× faster. Run after `npm run build`: `node bench/hmac.mjs`.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORDS = 1_000_000;
const ROUNDS = 5;
const ROOT = join(import.meta.dirname, '..');
// JWT_LENS_BIN: another build of the CLI (a launcher script), to measure without touching dist/.
const BIN = process.env.JWT_LENS_BIN ?? join(ROOT, 'bin', 'jwt-lens.js');
const SHARED_LIST = join(ROOT, '..', 'shared', 'data', 'jwt.secrets.list');

/** Password-like filler: syllables, separators, digits. Deterministic, so every run tries the same list. */
function generatedWords(count, skip) {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'sa',
    'ti',
    'vo',
    'xe',
    'zu',
    'ber',
    'dan',
    'gol',
    'har',
    'jin',
  ];
  const words = [];
  for (let i = 0; words.length < count; i++) {
    const a = syllables[i % 15];
    const b = syllables[Math.floor(i / 15) % 15];
    const c = syllables[Math.floor(i / 225) % 15];
    const word = `${a}${b}${i % 3 === 0 ? '-' : ''}${c}${i % 10_007}`;
    if (!skip.has(word)) words.push(word);
  }
  return words;
}

/** The list (public list first when present, then filler) with the secret last; LF line endings. */
export function makeWordlist(path, secret) {
  const shared = existsSync(SHARED_LIST)
    ? readFileSync(SHARED_LIST, 'utf8')
        .split(/\r?\n/)
        .filter((w) => w.length > 0 && w !== secret)
    : [];
  const head = shared.slice(0, WORDS - 1);
  const words = [...head, ...generatedWords(WORDS - 1 - head.length, new Set(head)), secret];
  writeFileSync(path, `${words.join('\n')}\n`);
  return head.length;
}

/** Claims of the two benchmark tokens: a realistic access token, and jwt.io's classic example. */
const SHAPES = {
  'access token': {
    iss: 'https://auth.bench.test/',
    sub: '248289761001',
    aud: 'orders-api',
    name: 'Jane Doe',
    scope: 'orders:read orders:write',
    iat: 1_767_225_600,
    exp: 1_767_229_200,
  },
  'jwt.io example': { sub: '1234567890', name: 'John Doe', iat: 1_516_239_022 },
};

/** An HS256 token with the claims of `shape`, signed with `secret`. */
export function makeToken(secret, shape = 'access token') {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(SHAPES[shape])}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return { signingInput, signature, text: `${signingInput}.${signature}` };
}

const BASELINE = `
const { createHmac } = require('node:crypto');
const [list, signingInput, signature] = process.argv.slice(1);
const expected = Buffer.from(signature, 'base64url');
for (const line of require('node:fs').readFileSync(list, 'utf8').split('\\n')) {
  const word = line.endsWith('\\r') ? line.slice(0, -1) : line;
  if (createHmac('sha256', word).update(signingInput).digest().equals(expected)) {
    process.stdout.write(word);
    break;
  }
}`;

/** Wall time of a whole `node …args` process, and its stdout. */
function run(args) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args[0]} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function checkCliFound(reportPath, wordlist) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const found = JSON.stringify(report).includes(`the wordlist ${wordlist}`);
  if (!found) throw new Error('jwt-lens did not report the secret from the wordlist');
}

/** Interleaved rounds of the baseline and the CLI on one token; best of each, all printed. */
function measureShape(dir, list, secret, shape) {
  const token = makeToken(secret, shape);
  const tokenFile = join(dir, 'token.txt');
  writeFileSync(tokenFile, `${token.text}\n`);
  const report = join(dir, 'report.json');
  const cli = [BIN, 'scan', tokenFile, '--wordlist', list, '--format', 'json', '--output', report];
  const base = [];
  const ours = [];
  for (let round = 0; round < ROUNDS; round++) {
    const b = run(['-e', BASELINE, list, token.signingInput, token.signature]);
    if (b.stdout !== secret) throw new Error('baseline did not find the secret');
    base.push(b.ms);
    ours.push(run(cli).ms);
    checkCliFound(report, list);
  }
  const [bestBase, bestOurs] = [Math.min(...base), Math.min(...ours)];
  const ratio = bestBase / bestOurs;
  const rate = (ms) => `${Math.round((WORDS / ms) * 1000).toLocaleString('en-US')} words/s`;
  const all = (ms) => ms.map((m) => m.toFixed(0)).join('/');
  console.log(`  ${shape} (signing input ${token.signingInput.length} bytes):`);
  console.log(
    `    baseline node createHmac loop, 1 thread:   ${bestBase.toFixed(0).padStart(5)} ms (${rate(bestBase)}; all ${all(base)})`,
  );
  console.log(
    `    jwt-lens scan --wordlist, ${availableParallelism()} threads:     ${bestOurs.toFixed(0).padStart(5)} ms (${rate(bestOurs)}; all ${all(ours)})`,
  );
  console.log(`    speed-up ${ratio.toFixed(2)}× (target ≥ 5×) ${ratio >= 5 ? 'MET' : 'NOT MET'}`);
  return ratio >= 5;
}

export function runHmacBench() {
  if (!process.env.JWT_LENS_BIN && !existsSync(join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-hmac-bench-'));
  try {
    const secret = `bench-${randomBytes(6).toString('hex')}`;
    const list = join(dir, 'words.txt');
    const fromShared = makeWordlist(list, secret);
    const source = fromShared
      ? `${fromShared.toLocaleString('en-US')} from jwt.secrets.list + generated`
      : 'generated';
    console.log(
      `hmac: ${WORDS.toLocaleString('en-US')}-word list (${source}), secret on the last line, HS256; whole processes (start-up, reading the list, cracking), best of ${ROUNDS}`,
    );
    const met = Object.keys(SHAPES).map((shape) => measureShape(dir, list, secret, shape));
    return met.every(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runHmacBench();
