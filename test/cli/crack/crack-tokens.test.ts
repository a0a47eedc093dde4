import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crackTokens } from '../../../src/cli/crack/crack-tokens';
import { signedToken } from '../../core/secrets/make-token';

/** The worker must be built (`npm run build`, which `npm test` runs first); Node cannot load TypeScript. */
const builtWorker = new URL('../../../dist/cli/crack-worker.js', import.meta.url);
const WORKER = process.env.JWT_LENS_CRACK_WORKER
  ? pathToFileURL(process.env.JWT_LENS_CRACK_WORKER)
  : builtWorker;
const haveWorker = existsSync(WORKER);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jwt-lens-crack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function wordlist(name: string, lines: string[], eol = '\n'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join(eol));
  return path;
}

const filler = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}-not-it`);

describe.each([
  ['on this thread', { threads: 1 }],
  ['on worker threads', { threads: 3, workerFile: WORKER }],
] as const)('crackTokens %s', (label, threading) => {
  // The worker is the built file (npm test builds first); without it the threaded tests fail, never skip.
  const maybe = it;
  if (label === 'on worker threads') {
    it('has the built crack worker (run `npm run build:cli` first)', () => {
      expect(haveWorker, `missing ${WORKER}: run npm run build:cli`).toBe(true);
    });
  }

  maybe('finds the secret at the end of a large CRLF wordlist and names the list', async () => {
    const token = await signedToken('HS256', 'zebra-crossing-42');
    const path = await wordlist('big.txt', ['\uFEFFfirst', ...filler(150_000), 'zebra-crossing-42'], '\r\n');
    const progress: number[] = [];
    const hits = await crackTokens([token], {
      ...threading,
      wordlists: [path],
      onProgress: (p) => progress.push(p.done),
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: 'hmac-weak-secret', fingerprint: token.fingerprint });
    expect(hits[0]!.evidence?.[1]?.value).toBe(`the wordlist ${path}`);
    expect(progress.length).toBeGreaterThan(0);
  });

  maybe(
    'cracks several tokens of different algorithms from several lists, and brute-forces digits',
    async () => {
      const tokens = await Promise.all([
        signedToken('HS384', 'from-list-one'),
        signedToken('HS512', 'from-list-two'),
        signedToken('HS256', '004217'),
      ]);
      const one = await wordlist('one.txt', [...filler(1000), 'from-list-one']);
      const two = await wordlist('two.txt', [...filler(1000, 'x'), 'from-list-two']);
      const hits = await crackTokens(tokens, { ...threading, wordlists: [one, two], bruteDigits: 6 });
      const byToken = new Map(hits.map((h) => [h.fingerprint, h.evidence?.[1]?.value]));
      expect(byToken.get(tokens[0]!.fingerprint)).toBe(`the wordlist ${one}`);
      expect(byToken.get(tokens[1]!.fingerprint)).toBe(`the wordlist ${two}`);
      expect(byToken.get(tokens[2]!.fingerprint)).toBe('a brute force of 6-digit numbers');
    },
  );

  maybe('reports bad lines and missing files without stopping the search', async () => {
    const token = await signedToken('HS256', 'after-the-mess');
    const path = join(dir, 'messy.txt');
    await writeFile(path, Buffer.concat([Buffer.from('ok\nbad\0line\n\n'), Buffer.from('after-the-mess\n')]));
    const problems: string[] = [];
    const hits = await crackTokens([token], {
      ...threading,
      wordlists: [join(dir, 'missing.txt'), path],
      onProblem: (m) => problems.push(m),
    });
    expect(hits).toHaveLength(1);
    expect(problems).toEqual([
      `${join(dir, 'missing.txt')}: no such file`,
      `${path}: line 2: contains a NUL byte, skipped`,
    ]);
  });

  maybe(
    'finds published, built-in and capture-derived secrets with no wordlist, naming each source',
    async () => {
      const published = await signedToken('HS256', 'your-256-bit-secret');
      const weak = await signedToken('HS384', 'changeme123');
      const derived = await signedToken('HS512', 'Billing_secret', { iss: 'https://login.billing.test/' });
      const strong = await signedToken('HS256', crypto.getRandomValues(new Uint8Array(32)));
      const hits = await crackTokens([strong, published, weak, derived], threading);
      const byToken = new Map(hits.map((h) => [h.fingerprint, [h.ruleId, h.evidence?.[1]?.value]]));
      expect(byToken.size).toBe(3);
      expect(byToken.get(published.fingerprint)).toEqual([
        'key-publicly-known',
        'jwt.io debugger, default HS256 secret',
      ]);
      expect(byToken.get(weak.fingerprint)).toEqual([
        'hmac-weak-secret',
        'the built-in list of weak and default secrets',
      ]);
      expect(byToken.get(derived.fingerprint)?.[1]).toContain('values seen in this capture');
    },
  );

  maybe(
    'runs the built-in phase before any wordlist task, so a secret in both is named built-in',
    async () => {
      const token = await signedToken('HS256', 'changeme123');
      const path = await wordlist('has-it-first.txt', ['changeme123', ...filler(300_000)]);
      for (let round = 0; round < 3; round++) {
        const hits = await crackTokens([token], { ...threading, wordlists: [path] });
        expect(hits.map((h) => h.evidence?.[1]?.value)).toEqual([
          'the built-in list of weak and default secrets',
        ]);
      }
    },
  );

  maybe('does not start on wordlists when the built-in list already cracked everything', async () => {
    const token = await signedToken('HS256', 'secret');
    const hits = await crackTokens([token], {
      ...threading,
      wordlists: [join(dir, 'missing-but-unneeded.txt')],
    });
    expect(hits.map((h) => h.ruleId)).toEqual(['hmac-weak-secret']);
  });
});

it('returns nothing (and starts no worker) when there is no HMAC token', async () => {
  expect(await crackTokens([], { wordlists: ['/nonexistent'] })).toEqual([]);
});

it('falls back to this thread when the worker for the built-in phase cannot start', async () => {
  const broken = join(dir, 'broken-worker.mjs');
  await writeFile(broken, 'throw new Error("no worker today");\n');
  const token = await signedToken('HS256', 'changeme123');
  const hits = await crackTokens([token], { threads: 2, workerFile: pathToFileURL(broken) });
  expect(hits.map((h) => [h.ruleId, h.evidence?.[1]?.value])).toEqual([
    ['hmac-weak-secret', 'the built-in list of weak and default secrets'],
  ]);
});
