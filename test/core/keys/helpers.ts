/** Helpers for the key tests: jose-generated keys, signed tokens, hand-built key documents and records. */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { parseToken } from '../../../src/core/token';
import type { KeyDocument, Sighting, TokenRecord } from '../../../src/core/types';

export const ISSUER = 'https://idp.example.test';
export const JWKS_URL = `${ISSUER}/.well-known/jwks.json`;
export const DISCOVERY_URL = `${ISSUER}/.well-known/openid-configuration`;

let counter = 0;

/** A sighting: a Bearer header sent to an API, answered with `status`. */
export function sighting(status = 401, over: Partial<Sighting> = {}): Sighting {
  counter++;
  return {
    id: `${counter}:0`,
    tokenText: 'eyJ.test',
    where: 'request-header',
    name: 'Authorization',
    url: 'https://api.example.test/orders',
    method: 'GET',
    status,
    scheme: 'https',
    startedAt: '2025-03-14T09:00:00.000Z',
    requestId: String(counter),
    ...over,
  };
}

/** A record for a token text, seen once (answered 401 unless told otherwise). */
export function recordOf(text: string, sightings: Sighting[] = [sighting()]): TokenRecord {
  return { token: parseToken(text), sightings, purpose: 'access' };
}

export function jwksDocument(keys: unknown[], url = JWKS_URL): KeyDocument {
  return { kind: 'jwks', url, requestId: `jwks-${url}`, json: { keys } };
}

export function discoveryDocument(issuer = ISSUER, jwksUri = JWKS_URL, url = DISCOVERY_URL): KeyDocument {
  return { kind: 'openid-configuration', url, requestId: 'discovery', json: { issuer, jwks_uri: jwksUri } };
}

/** A fresh key pair for `alg`, with its public JWK (carrying `kid` and any extra members). */
export async function keyPair(alg: string, kid: string, extra: Record<string, unknown> = {}) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, ...extra };
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, jwk };
}

/** A signed JWT with `iss` set to the test issuer (unless overridden) and `kid` in the header. */
export async function signToken(
  alg: string,
  key: CryptoKey | Uint8Array,
  header: Record<string, unknown> = {},
  claims: Record<string, unknown> = { iss: ISSUER, sub: 'user-1' },
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, ...header }).sign(key);
}

/** A 1024-bit RSA key and an RS256 token signed with it through node:crypto (jose refuses keys that short). */
export function shortRsaToken(kid: string): { token: string; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ iss: ISSUER, sub: 'user-1' })).toString('base64url');
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${payload}`)
    .sign(privateKey)
    .toString('base64url');
  return { token: `${header}.${payload}.${signature}`, jwk: { ...publicKey.export({ format: 'jwk' }), kid } };
}

/** Rule ids of hits, for compact assertions. */
export function ruleIds(hits: readonly { ruleId: string }[]): string[] {
  return hits.map((h) => h.ruleId).sort();
}
