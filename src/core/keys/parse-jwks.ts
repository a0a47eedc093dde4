import { checkJwk } from './jwk-check';
import { createKnownKey } from './known-key';
import type { KeyParseResult, KeySource } from './types';

/** Keys read from one key set at most: real sets hold a handful; more is a mistake or an attack on the auditor. */
export const MAX_KEYS_PER_SET = 100;

/** How a key set is named in messages: `key set https://idp.example/jwks` or the file name. */
export function describeSource(source: KeySource): string {
  return source.origin === 'traffic' ? `key set ${source.where}` : source.where;
}

function describeEntry(entry: unknown, index: number): string {
  const kid = typeof entry === 'object' && entry !== null ? (entry as { kid?: unknown }).kid : undefined;
  return typeof kid === 'string' ? `keys[${index}] (kid "${kid.slice(0, 60)}")` : `keys[${index}]`;
}

/**
 * Reads a JWK Set (RFC 7517 §5) from untrusted JSON. Each bad key becomes one problem line naming the set
 * and the key; the others are still read. Never throws.
 */
export async function parseJwks(json: unknown, source: KeySource): Promise<KeyParseResult> {
  const name = describeSource(source);
  const entries = typeof json === 'object' && json !== null ? (json as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(entries)) return { keys: [], problems: [`${name}: not a JWK Set (no "keys" array)`] };
  const result: KeyParseResult = { keys: [], problems: [] };
  if (entries.length > MAX_KEYS_PER_SET) {
    result.problems.push(`${name}: ${entries.length} keys, only the first ${MAX_KEYS_PER_SET} were read`);
  }
  const read = entries.slice(0, MAX_KEYS_PER_SET);
  const made = await Promise.all(read.map((entry) => readEntry(entry, source)));
  made.forEach((outcome, index) => {
    const where = `${name}: ${describeEntry(read[index], index)}`;
    for (const line of outcome.problems) result.problems.push(`${where} ${line}`);
    result.keys.push(...outcome.keys);
  });
  return result;
}

async function readEntry(entry: unknown, source: KeySource): Promise<KeyParseResult> {
  const checked = checkJwk(entry);
  if (!checked.ok) return { keys: [], problems: [checked.problem] };
  const key = await createKnownKey(checked, source);
  if (typeof key === 'string') return { keys: [], problems: [key, ...checked.notes] };
  return { keys: [key], problems: checked.notes };
}
