// Synthetic data for the benchmarks: tokens and HAR files built from random bytes. Signatures are random
// bytes of the right length for their algorithm: the audit rules measured here do not verify signatures,
// and signing 100,000 RSA tokens would only measure the generator.
import { randomBytes } from 'node:crypto';

const ALGS = [
  { alg: 'HS256', sig: 32 },
  { alg: 'RS256', sig: 256 },
  { alg: 'ES256', sig: 64 },
];

const b64u = (value) => Buffer.from(value).toString('base64url');

let seq = 0;

/** One token with a payload of `size` bytes (roughly), alg cycling through HS/RS/ES. */
export function makeToken(size, now = 1_767_225_600) {
  const { alg, sig } = ALGS[seq % ALGS.length];
  seq++;
  const header = { alg, typ: 'JWT', kid: `key-${seq % 7}` };
  const claims = {
    iss: 'https://auth.bench.test',
    sub: `user-${seq}`,
    aud: 'api.bench.test',
    iat: now - 60,
    exp: now + 600,
    jti: `jti-${seq}`,
    scope: 'read write',
  };
  const pad = Math.max(0, size - JSON.stringify(claims).length - 12);
  claims.data = randomBytes(Math.ceil(pad * 0.75))
    .toString('base64')
    .slice(0, pad);
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}.${randomBytes(sig).toString('base64url')}`;
}

/** `count` tokens with payloads spread evenly over 150–1,500 bytes. */
export function makeTokens(count) {
  const tokens = new Array(count);
  for (let i = 0; i < count; i++) tokens[i] = makeToken((150 + (i * 1350) / count) | 0);
  return tokens;
}

/** A HAR of `entries` entries, about `targetBytes` in total: API calls with Bearer tokens and JSON bodies. */
export function makeHar(entries, targetBytes) {
  const tokens = makeTokens(Math.ceil(entries / 4));
  const perEntry = Math.floor(targetBytes / entries);
  const out = [];
  for (let i = 0; i < entries; i++) {
    const token = tokens[i % tokens.length];
    const bodyItems = [];
    let bodyLength = 0;
    while (bodyLength < perEntry - 1800) {
      const item = {
        id: bodyItems.length,
        name: `item ${i}-${bodyItems.length}`,
        note: randomBytes(48).toString('hex'),
      };
      bodyLength += JSON.stringify(item).length + 1;
      bodyItems.push(item);
    }
    const tokenResponse = i % 50 === 0;
    out.push({
      startedDateTime: new Date(1_767_225_600_000 + i * 250).toISOString(),
      time: 12,
      request: {
        method: tokenResponse ? 'POST' : 'GET',
        url: `https://api.bench.test/v1/items/${i}?page=${i % 10}`,
        httpVersion: 'HTTP/2',
        headers: [
          { name: 'accept', value: 'application/json' },
          { name: 'authorization', value: `Bearer ${token}` },
          { name: 'user-agent', value: 'bench/1.0' },
        ],
        queryString: [{ name: 'page', value: String(i % 10) }],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/2',
        headers: [
          { name: 'content-type', value: 'application/json' },
          { name: 'cache-control', value: 'no-store' },
        ],
        cookies: [],
        content: {
          size: bodyLength,
          mimeType: 'application/json',
          text: JSON.stringify(
            tokenResponse
              ? { access_token: token, token_type: 'Bearer', items: bodyItems }
              : { items: bodyItems },
          ),
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: bodyLength,
      },
      cache: {},
      timings: { send: 1, wait: 10, receive: 1 },
    });
  }
  return { log: { version: '1.2', creator: { name: 'jwt-lens-bench', version: '1' }, entries: out } };
}
