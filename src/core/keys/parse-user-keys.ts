import { parseJwks } from './parse-jwks';
import { parsePemKeys } from './parse-pem';
import type { KeyParseResult, KeySource } from './types';

function fail(name: string, problem: string): KeyParseResult {
  return { keys: [], problems: [`${name}: ${problem}`] };
}

function parseJsonText(text: string, name: string): { json: unknown } | { problem: string } {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const why = error instanceof Error ? error.message.slice(0, 120) : 'syntax error';
    return { problem: `${name}: not valid JSON (${why})` };
  }
}

/** A JWK Set, a bare array of JWKs, or one JWK: all read as a set. */
function asKeySet(json: unknown): unknown {
  if (Array.isArray(json)) return { keys: json };
  if (typeof json === 'object' && json !== null && 'kty' in json && !('keys' in json))
    return { keys: [json] };
  return json;
}

/**
 * Reads keys the auditor supplied (`--jwks <file>`, or a file loaded in the panel): a JWK Set, a single JWK,
 * an array of JWKs, or PEM text (SPKI, PKCS#1, certificates; several blocks allowed). `name` labels every
 * problem line. Never throws.
 */
export async function parseUserKeys(text: string, name: string): Promise<KeyParseResult> {
  const source: KeySource = { origin: 'user', where: name };
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return fail(name, 'is empty');
  if (body.startsWith('{') || body.startsWith('[')) {
    const parsed = parseJsonText(body, name);
    if ('problem' in parsed) return { keys: [], problems: [parsed.problem] };
    const set = asKeySet(parsed.json);
    const keys = typeof set === 'object' && set !== null ? (set as { keys?: unknown }).keys : undefined;
    if (!Array.isArray(keys)) return fail(name, 'is JSON but neither a JWK Set ({"keys": [...]}) nor a JWK');
    return parseJwks(set, source);
  }
  if (body.includes('-----BEGIN ')) return parsePemKeys(body, source);
  return fail(name, 'is neither JSON (a JWK Set or a JWK) nor PEM (-----BEGIN PUBLIC KEY-----)');
}
