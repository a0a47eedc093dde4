import type { TokenRecord } from '../core/types';

const HMAC_ALGS = new Set(['HS256', 'HS384', 'HS512']);

/** HS-signed tokens grouped by the key they presumably share. */
export interface KeyGroup {
  /** `alg|iss|kid`. */
  key: string;
  /** The token the dictionary is run against. */
  representative: TokenRecord;
  /** The others: tried only with a secret recovered from the representative. */
  rest: TokenRecord[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Groups HS256/384/512 tokens by `alg`, `iss` and `kid`: one issuer signs with one key per `kid`, so a
 * dictionary run over one token of the group answers for all of them. A burst of 5,000 session tokens
 * from one issuer then costs one dictionary run, not 5,000. Other tokens are left out.
 */
export function groupByKey(records: readonly TokenRecord[]): KeyGroup[] {
  const groups = new Map<string, KeyGroup>();
  for (const record of records) {
    const { header, claims, kind } = record.token;
    const alg = text(header?.alg);
    if (kind !== 'jws' || !HMAC_ALGS.has(alg)) continue;
    const key = `${alg}|${text(claims?.iss)}|${text(header?.kid)}`;
    const group = groups.get(key);
    if (group) group.rest.push(record);
    else groups.set(key, { key, representative: record, rest: [] });
  }
  return [...groups.values()];
}
