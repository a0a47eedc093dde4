/** Tokens, key sets and requests for the probe tests, made with jose (no hand-written signatures). */
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { ProbeMaterial, ProbeRequest, TokenSlot } from '../../../src/core/probe';

export const NOW = 1_741_944_600; // 2025-03-14T09:30:00Z
export const ISSUER = 'https://idp.example.test';
export const JWKS_URL = `${ISSUER}/.well-known/jwks.json`;
export const SECRET = new TextEncoder().encode('secret123');

export const CLAIMS = {
  iss: ISSUER,
  sub: 'user-42',
  aud: 'https://api.example.test',
  iat: NOW - 60,
  exp: NOW + 840,
  scope: 'read',
};

export async function rsaIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'rsa-1', use: 'sig', alg: 'RS256' };
  const token = await new SignJWT(CLAIMS)
    .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1', typ: 'at+jwt' })
    .sign(privateKey);
  return { publicKey, privateKey, jwk, token };
}

export async function ecToken(): Promise<{ token: string; publicKey: CryptoKey }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const token = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).sign(privateKey);
  return { token, publicKey };
}

export async function hsToken(claims: Record<string, unknown> = CLAIMS): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(SECRET);
}

export function material(over: Partial<ProbeMaterial> = {}): ProbeMaterial {
  return { keyDocuments: [], now: NOW, ...over };
}

export function jwksMaterial(jwk: JWK, over: Partial<ProbeMaterial> = {}): ProbeMaterial {
  return material({ keyDocuments: [{ kind: 'jwks', url: JWKS_URL, json: { keys: [jwk] } }], ...over });
}

export const BEARER: TokenSlot = { where: 'request-header', name: 'Authorization' };

export function bearerRequest(token: string): ProbeRequest {
  return {
    method: 'GET',
    url: 'https://api.example.test/orders?page=2',
    headers: [
      { name: 'Accept', value: 'application/json' },
      { name: 'Authorization', value: `Bearer ${token}` },
    ],
  };
}

/** The token a planned request carries in its Authorization header. */
export function bearerOf(request: ProbeRequest): string {
  const value = request.headers.find((h) => h.name === 'Authorization')?.value ?? '';
  return value.replace(/^Bearer /, '');
}
