// The HMAC engine in headless Chromium, in one Web Worker per core as the panel runs it, over the same
// 1,000,000-line wordlist as bench/hmac.mjs (fetched by the page like a file the user loads), against a
// naive WebCrypto loop in the same page (`importKey` + `sign` per candidate). Target (issue 3): ≥ 15×.
// Needs Chromium: CHROMIUM_PATH, or /usr/lib/chromium/chromium.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { makeToken, makeWordlist, WORDS } from './hmac.mjs';

const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);
const NAIVE_MS = 3000;

/** Runs in the page: the naive loop for NAIVE_MS, then the engine over the whole list on every core. */
async function pageBench({ signingInput, signature, naiveMs }) {
  const encoder = new TextEncoder();
  const message = encoder.encode(signingInput);
  const expected = Uint8Array.from(atob(signature.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
    c.charCodeAt(0),
  );
  const bytes = new Uint8Array(await (await fetch('/words.txt')).arrayBuffer());
  const lines = new TextDecoder().decode(bytes.subarray(0, 4_000_000)).split('\n');
  let naive = 0;
  const start = performance.now();
  for (const word of lines) {
    if (performance.now() - start > naiveMs) break;
    if (word === '') continue;
    const key = await crypto.subtle.importKey(
      'raw',
      encoder.encode(word),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
    if (mac.every((b, i) => b === expected[i])) break;
    naive++;
  }
  const naiveRate = (naive / (performance.now() - start)) * 1000;
  const cores = navigator.hardwareConcurrency || 2;
  const workers = Array.from({ length: cores }, () => new Worker('/worker.js', { type: 'module' }));
  const ask = (worker, message, transfer = []) =>
    new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.postMessage(message, transfer);
    });
  const ready = await Promise.all(workers.map((w) => ask(w, 'warm-up')));
  // Slices cut after a newline, so every worker gets whole lines.
  const cuts = [0];
  for (let i = 1; i < cores; i++) cuts.push(bytes.indexOf(10, Math.floor((bytes.length * i) / cores)) + 1);
  cuts.push(bytes.length);
  const target = { alg: 'HS256', signingInput, signature: expected };
  const t0 = performance.now();
  const results = await Promise.all(
    workers.map((w, i) => ask(w, { target, bytes: bytes.slice(cuts[i], cuts[i + 1]), atFileStart: i === 0 })),
  );
  const ms = performance.now() - t0;
  for (const w of workers) w.terminate();
  const tried = results.reduce((n, r) => n + r.tried, 0);
  return {
    naive,
    naiveRate,
    ms,
    tried,
    cores,
    found: results.map((r) => r.found).find(Boolean),
    ready,
    engine: results[0].engine,
  };
}

async function bundleWorker(dir) {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      lib: {
        entry: join(import.meta.dirname, 'hmac-browser-worker.ts'),
        formats: ['es'],
        fileName: () => 'worker.js',
      },
    },
  });
}

function serve(dir) {
  const files = { '/words.txt': 'text/plain', '/worker.js': 'text/javascript' };
  const server = createServer((req, res) => {
    if (req.url === '/')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>hmac bench</title>');
    const type = files[req.url];
    if (!type) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': type }).end(readFileSync(join(dir, req.url.slice(1))));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function runHmacBrowserBench() {
  if (!CHROMIUM) {
    console.log('hmac-browser: no Chromium found (set CHROMIUM_PATH); skipped');
    return false;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-hmac-browser-'));
  let server;
  let browser;
  try {
    const secret = `bench-${randomBytes(6).toString('hex')}`;
    makeWordlist(join(dir, 'words.txt'), secret);
    const token = makeToken(secret);
    await bundleWorker(dir);
    server = await serve(dir);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const r = await page.evaluate(pageBench, {
      signingInput: token.signingInput,
      signature: token.signature,
      naiveMs: NAIVE_MS,
    });
    if (r.found !== secret) throw new Error('the engine did not find the secret in Chromium');
    const rate = (r.tried / r.ms) * 1000;
    const ratio = rate / r.naiveRate;
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    console.log(
      `hmac-browser: Chromium ${(await browser.version()).replace(/^\D+/, '')}, same ${WORDS.toLocaleString('en-US')}-line list and HS256 token as hmac, secret on the last line`,
    );
    console.log(
      `  baseline naive WebCrypto (importKey + sign per word, ${NAIVE_MS / 1000} s sample): ${fmt(r.naiveRate)} words/s`,
    );
    console.log(
      `  engine, ${r.cores} Web Workers (${r.engine === 'simd' ? 'WebAssembly SIMD' : 'scalar JS'}), whole list: ${r.ms.toFixed(0)} ms, ${fmt(rate)} words/s`,
    );
    console.log(`  speed-up ${ratio.toFixed(1)}× (target ≥ 15×) ${ratio >= 15 ? 'MET' : 'NOT MET'}`);
    return ratio >= 15;
  } finally {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runHmacBrowserBench();
