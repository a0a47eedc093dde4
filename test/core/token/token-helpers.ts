/** Helpers shared by the token tests: synthetic segments and jose-signed tokens (never real ones). */
import { CompactEncrypt, CompactSign, generateKeyPair, generateSecret, SignJWT, UnsecuredJWT } from 'jose';

/** base64url of a string's UTF-8 bytes, or of raw bytes. */
export function b64(value: string | Uint8Array): string {
  return Buffer.from(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64url');
}

/** A compact token from a header object (or raw JSON text) and payload text. */
export function compact(header: object | string, payload: string, signature = 'c2ln'): string {
  const headerText = typeof header === 'string' ? header : JSON.stringify(header);
  return `${b64(headerText)}.${b64(payload)}.${signature}`;
}

export const HS256_HEADER = b64('{"alg":"HS256","typ":"JWT"}');
export const CLAIMS = { sub: 'user-1', iss: 'https://issuer.example', aud: 'api', iat: 1_700_000_000 };

/** One token of each kind the parser must accept, signed or encrypted by jose. */
export interface SampleTokens {
  hs256: string;
  rs256: string;
  es256: string;
  eddsa: string;
  unsecured: string;
  jwe: string;
  nested: string;
  nestedJwe: string;
}

async function sign(alg: string, key: CryptoKey | Uint8Array): Promise<string> {
  return new SignJWT(CLAIMS).setProtectedHeader({ alg, typ: 'JWT', kid: `${alg}-key` }).sign(key);
}

/** Signs the fixtures once per test file; key generation is the slow part. */
export async function createSampleTokens(): Promise<SampleTokens> {
  const secret = new TextEncoder().encode('synthetic-test-secret-0123456789');
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const ed = await generateKeyPair('EdDSA');
  const hs256 = await sign('HS256', secret);
  const aes = await generateSecret('A256GCM');
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(CLAIMS)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(aes);
  const nested = await new CompactSign(new TextEncoder().encode(hs256))
    .setProtectedHeader({ alg: 'ES256', cty: 'JWT' })
    .sign(ec.privateKey);
  const nestedJwe = await new CompactSign(new TextEncoder().encode(jwe))
    .setProtectedHeader({ alg: 'HS256', cty: 'jwt' })
    .sign(secret);
  return {
    hs256,
    rs256: await sign('RS256', rsa.privateKey),
    es256: await sign('ES256', ec.privateKey),
    eddsa: await sign('EdDSA', ed.privateKey),
    unsecured: new UnsecuredJWT(CLAIMS).encode(),
    jwe,
    nested,
    nestedJwe,
  };
}
