import type { CaptureHit, TokenRecord } from '../../core/types';
import type { ParsedArgs } from '../args';
import { checkWordlists, parseDigits } from '../crack/crack-step';
import { crackTokens } from '../crack/crack-tokens';
import type { CliIo } from '../io';

/** What the secret search found for the probed token: the finding, and the secret for the re-signed cases. */
export interface RecoveredSecret {
  hits: CaptureHit[];
  secret?: Uint8Array;
}

/**
 * Looks for the probed token's HMAC secret as `scan` does: the published, built-in and capture-derived
 * candidates, then `--wordlist` files and `--brute-digits`. A secret found lets the probe re-sign expired,
 * post-dated and re-addressed tokens. Tokens that are not HS-signed yield nothing.
 */
export async function recoverSecret(
  record: TokenRecord,
  args: ParsedArgs,
  io: CliIo,
): Promise<RecoveredSecret> {
  const wordlists = args.values('wordlist');
  const bruteDigits = parseDigits(args.value('brute-digits'));
  await checkWordlists(wordlists);
  const hits = await crackTokens([record], {
    wordlists,
    bruteDigits,
    onProblem: (message) => io.stderr.write(`jwt-lens: warning: ${message.replace(/[\r\n]+/g, ' ')}\n`),
  });
  const raw = hits.flatMap((hit) => hit.evidence ?? []).find((e) => e.label === 'secret')?.raw;
  return raw === undefined ? { hits } : { hits, secret: secretBytes(raw) };
}

/**
 * Back from `secretText`: printable UTF-8 as itself, anything else as `hex:` and its bytes. (A printable
 * secret that itself reads `hex:` and hex digits is taken as bytes: the probe then re-signs nothing that
 * verifies, and says so by finding nothing.)
 */
function secretBytes(text: string): Uint8Array {
  if (!/^hex:(?:[0-9a-f]{2})*$/.test(text)) return new TextEncoder().encode(text);
  return Uint8Array.from(text.slice(4).match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}
