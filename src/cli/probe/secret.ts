import { findWeakSecrets } from '../../core/secrets';
import type { CaptureHit, TokenRecord } from '../../core/types';

/** What the secret search found for the probed token: the finding, and the secret for the re-signed cases. */
export interface RecoveredSecret {
  hits: CaptureHit[];
  secret?: Uint8Array;
}

/**
 * Looks for the probed token's HMAC secret among the published, built-in and capture-derived candidates
 * (the scan's own first phase; milliseconds). A secret found lets the probe re-sign expired, post-dated
 * and re-addressed tokens. Tokens that are not HS-signed yield nothing.
 */
export async function recoverSecret(record: TokenRecord): Promise<RecoveredSecret> {
  const hits = await findWeakSecrets([record]);
  const raw = hits.flatMap((hit) => hit.evidence ?? []).find((e) => e.label === 'secret')?.raw;
  return raw === undefined ? { hits } : { hits, secret: secretBytes(raw) };
}

/** Back from `secretText`: printable UTF-8 as itself, anything else as `hex:` and its bytes. */
function secretBytes(text: string): Uint8Array {
  if (!/^hex:(?:[0-9a-f]{2})*$/.test(text)) return new TextEncoder().encode(text);
  return Uint8Array.from(text.slice(4).match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}
