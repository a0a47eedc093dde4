/**
 * A capture with nothing for `--fail-on medium` to fail on: RS256 access tokens in the RFC 9068 profile,
 * their key set in the traffic, sent over HTTPS in the Authorization header, each accepted.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { jsonContent, makeEntry, makeHar } from '../core/capture/har-builders';

const T0 = Date.UTC(2025, 2, 14, 9, 0, 0);

export async function createCleanCapture(): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const entries: unknown[] = [
    makeEntry({
      url: 'https://id.clean.test/jwks',
      startedDateTime: new Date(T0).toISOString(),
      content: jsonContent({ keys: [jwk] }),
    }),
  ];
  for (let i = 0; i < 3; i++) {
    const iat = T0 / 1000 + i * 60;
    const token = await new SignJWT({ scope: 'orders:read', client_id: 'web', jti: `j${i}` })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer('https://id.clean.test')
      .setAudience('https://api.clean.test')
      .setSubject(`s${i}`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(privateKey);
    entries.push(
      makeEntry({
        url: 'https://api.clean.test/v1/orders',
        startedDateTime: new Date(T0 + i * 60_000 + 1000).toISOString(),
        requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
      }),
    );
  }
  return JSON.stringify(makeHar(entries));
}
