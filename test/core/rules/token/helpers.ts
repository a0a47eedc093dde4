import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { TOKEN_RULES } from '../../../../src/core/rules/token';
import { parseToken } from '../../../../src/core/token/parse-token';
import type { Policy, RuleHit, Sighting, TokenPurpose } from '../../../../src/core/types';

/** The reference time of every rule test: 2023-11-14T22:13:20Z. */
export const NOW = 1_700_000_000;

const encoder = new TextEncoder();

/** base64url of a JSON value, a string (UTF-8) or raw bytes. */
export function b64(value: unknown): string {
  const bytes =
    value instanceof Uint8Array
      ? value
      : encoder.encode(typeof value === 'string' ? value : JSON.stringify(value));
  return Buffer.from(bytes).toString('base64url');
}

/** A compact JWS from parts; `signature` defaults to 32 bytes of 0x01 (right for HS256). */
export function jws(
  header: unknown,
  payload: unknown,
  signature: Uint8Array = new Uint8Array(32).fill(1),
): string {
  return `${b64(header)}.${b64(payload)}.${b64(signature)}`;
}

/** A compact JWE with the given protected header and dummy (but well-formed) other segments. */
export function jwe(header: unknown): string {
  return [
    b64(header),
    b64(new Uint8Array(256).fill(2)),
    b64(new Uint8Array(12)),
    b64('ciphertext'),
    b64(new Uint8Array(16)),
  ].join('.');
}

/** Claims every quiet fixture carries, so only the rule under test fires. */
export const GOOD_CLAIMS = {
  iss: 'https://login.example.com',
  sub: 'user-1',
  aud: 'api',
  jti: 'id-1',
  iat: NOW - 60,
  exp: NOW + 600,
};

/** A token that fires nothing with the default policy: ES256, typed, all registered claims. */
export function goodToken(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): string {
  return jws(
    { alg: 'ES256', typ: 'app+jwt', ...header },
    { ...GOOD_CLAIMS, ...claims },
    new Uint8Array(64).fill(7),
  );
}

/** A sighting with sensible defaults. */
export function sighting(over: Partial<Sighting> = {}): Sighting {
  return {
    id: '0:0',
    tokenText: '',
    where: 'request-header',
    name: 'X-Token',
    url: 'https://api.example.com/v1/items',
    method: 'GET',
    status: 200,
    scheme: 'https',
    startedAt: '',
    requestId: '0',
    ...over,
  };
}

export interface RunOptions {
  purpose?: TokenPurpose;
  sightings?: Sighting[];
  policy?: Partial<Policy>;
  now?: number;
}

/** Runs every token rule on `text` (parsed by the real parser). */
export function run(text: string, options: RunOptions = {}): RuleHit[] {
  const token = parseToken(text);
  const record = { token, sightings: options.sightings ?? [], purpose: options.purpose ?? 'unknown' };
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  return TOKEN_RULES.flatMap((rule) => rule({ record, policy, now: options.now ?? NOW }));
}

/** Sorted distinct rule ids of the hits. */
export function ids(hits: readonly RuleHit[]): string[] {
  return [...new Set(hits.map((h) => h.ruleId))].sort();
}

/** The one hit with `ruleId`, or undefined. */
export function hitOf(hits: readonly RuleHit[], ruleId: string): RuleHit | undefined {
  return hits.find((h) => h.ruleId === ruleId);
}
