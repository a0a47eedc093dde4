import { readFile, stat } from 'node:fs/promises';
import type { KnownKey } from '../core/keys';
import { parseUserKeys } from '../core/keys';
import { describeFsError } from './errors';

/** Key files larger than this are refused before reading: a JWKS or a PEM chain is a few kilobytes. */
export const MAX_KEY_FILE_BYTES = 10 * 1024 * 1024;

/** Reads one file as text; the CLI's `io.readFile` fits, so tests can pass a fake. */
export type ReadText = (path: string) => Promise<string>;

async function readKeyFile(path: string): Promise<string> {
  const info = await stat(path);
  if (info.isFile() && info.size > MAX_KEY_FILE_BYTES) {
    throw Object.assign(new Error(`larger than ${MAX_KEY_FILE_BYTES / 1024 / 1024} MiB: not a key file`), {
      code: 'EKEYFILE',
    });
  }
  return readFile(path, 'utf8');
}

/**
 * Loads the keys given with `--jwks <file>` (repeatable): JWK Sets, single JWKs, or PEM public keys and
 * certificates. Every problem is one line naming the file (`keys.json: keys[1] (kid "a") has no "n"`);
 * the usable keys of a file are kept even when others in it are not. Never throws.
 */
export async function loadUserKeys(
  paths: readonly string[],
  read: ReadText = readKeyFile,
): Promise<{ keys: KnownKey[]; errors: string[] }> {
  const keys: KnownKey[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await read(path);
    } catch (error) {
      errors.push(`${path}: ${describeFsError(error)}`);
      continue;
    }
    const parsed = await parseUserKeys(text, path);
    keys.push(...parsed.keys);
    errors.push(...parsed.problems);
    if (parsed.keys.length === 0 && parsed.problems.length === 0) errors.push(`${path}: no keys in it`);
  }
  return { keys, errors };
}
