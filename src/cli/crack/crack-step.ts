import { stat } from 'node:fs/promises';
import { MAX_BRUTE_DIGITS } from '../../core/secrets/digit-candidates';
import { prepareHs256Kernel } from '../../core/secrets/hs256-wasm';
import type { CaptureHit, TokenRecord } from '../../core/types';
import type { OptionSpec } from '../args';
import { CliError, describeFsError } from '../errors';
import type { CliIo } from '../io';
import { createProgress } from '../progress';
import type { ScanStep } from '../scan';
import { type CrackOptions, crackTokens } from './crack-tokens';

/** The secret-cracking options of `scan`; main.ts spreads them into its option table. */
export const CRACK_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'wordlist',
    kind: 'list',
    commands: ['scan', 'probe'],
    arg: 'file',
    help: 'Also try each line of this file as the HMAC secret of HS256/384/512 tokens (repeatable; any size).',
  },
  {
    name: 'brute-digits',
    kind: 'value',
    commands: ['scan', 'probe'],
    arg: 'N',
    help: `Also try every numeric secret of 1 to N digits (N up to ${MAX_BRUTE_DIGITS}).`,
  },
  {
    name: 'crack-each',
    kind: 'flag',
    commands: ['scan'],
    help:
      'Try every secret on every HS token. By default the candidates run against one token per signing key ' +
      '(same alg, iss, kid and host; tokens with none of these each count as their own key) and a secret ' +
      'found is then checked against every token: far faster on large captures, but it can miss a weak ' +
      'secret used beside a strong one under the same iss and kid (say, tokens from before a key rotation).',
  },
];

/** `--brute-digits`: 0 when absent; a usage error unless a number from 0 to the maximum. */
export function parseDigits(value: string | undefined): number {
  if (value === undefined) return 0;
  const digits = Number(value);
  if (!/^\d+$/.test(value) || digits > MAX_BRUTE_DIGITS) {
    throw new CliError(`option --brute-digits: "${value}" is not a number from 0 to ${MAX_BRUTE_DIGITS}`);
  }
  return digits;
}

/** Checks every wordlist up front: a missing file is a usage error (exit 2), before minutes of work. */
export async function checkWordlists(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      total += info.size;
    } catch (error) {
      throw new CliError(`--wordlist ${path}: ${describeFsError(error)}`);
    }
  }
  return total;
}

/**
 * The scan step that answers "who could mint this token?" for HMAC tokens: always the published and
 * built-in secrets and the capture's own names; with `--wordlist`/`--brute-digits`, those too, on every
 * core. Progress on stderr for large wordlists on a terminal; skipped lines as warnings.
 */
export function createCrackStep(): ScanStep {
  return {
    // The SIMD kernel compiles on V8's background threads while the inputs are read.
    prepare: () => prepareHs256Kernel(),
    async start({ records, args, io }) {
      const wordlists = args.values('wordlist');
      const bruteDigits = parseDigits(args.value('brute-digits'));
      const bytes = await checkWordlists(wordlists);
      const eachToken = args.flag('crack-each');
      return { hits: crack(records, { wordlists, bruteDigits, eachToken }, bytes, io) };
    },
  };
}

async function crack(
  records: readonly TokenRecord[],
  options: Pick<CrackOptions, 'wordlists' | 'bruteDigits' | 'eachToken'>,
  bytes: number,
  io: CliIo,
): Promise<CaptureHit[]> {
  const progress = createProgress(io.stderr, bytes);
  try {
    return await crackTokens(records, {
      ...options,
      onProblem: (message) => io.stderr.write(`jwt-lens: warning: ${message.replace(/[\r\n]+/g, ' ')}\n`),
      onProgress: (p) =>
        progress.update(
          `secrets: ${Math.floor((100 * p.done) / p.total)}%, ${p.tried} tried, ${p.cracked}/${p.targets} cracked`,
        ),
    });
  } finally {
    progress.done();
  }
}
