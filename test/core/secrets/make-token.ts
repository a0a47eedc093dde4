import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { JsonObject, ParsedToken } from '../../../src/core/types';

/**
 * A minimal ParsedToken for a compact JWS, built by hand so these tests do not depend on the token
 * parser (tested on its own).
 */
export function tokenFromText(text: string): ParsedToken {
  const segments = text.split('.');
  const decode = (s: string): string => Buffer.from(s, 'base64url').toString('utf8');
  const header = JSON.parse(decode(segments[0] ?? '')) as JsonObject;
  let claims: JsonObject | undefined;
  try {
    claims = JSON.parse(decode(segments[1] ?? '')) as JsonObject;
  } catch {
    claims = undefined; // RFC 7520's examples sign plain text.
  }
  return {
    text,
    fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 16),
    kind: 'jws',
    segments,
    header,
    signingInput: `${segments[0]}.${segments[1]}`,
    claims,
    signature: new Uint8Array(Buffer.from(segments[2] ?? '', 'base64url')),
    errors: [],
    warnings: [],
  };
}

/** Signs `claims` with `secret` (text or bytes) and returns the parsed token. */
export async function signedToken(
  alg: 'HS256' | 'HS384' | 'HS512',
  secret: string | Uint8Array,
  claims: Record<string, unknown> = { sub: 'user-1' },
): Promise<ParsedToken> {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const text = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
  return tokenFromText(text);
}
