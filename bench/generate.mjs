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

/** About 400 kB of HTML-like text: quotes and newlines, so the JSON string has escapes all along. */
function textBody(entry, bytes) {
  const line = `<p class="row" data-entry="${entry}">The quick brown fox jumps over the lazy dog, again.</p>\n`;
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/**
 * Streams a large HAR to `path` (never in memory): `entries` entries, each a request with one Bearer
 * token of its own and a text response body of `bodyBytes`, as a long QA session recorded "with
 * content" (issue 17: 1,500 entries of 400 kB make 600 MB). `write(text)` is called piece by piece.
 * Returns the number of tokens planted (one per entry, all distinct).
 */
export function writeLargeHar(write, entries, bodyBytes) {
  write('{"log":{"version":"1.2","creator":{"name":"jwt-lens-bench","version":"1"},"pages":[],"entries":[');
  for (let i = 0; i < entries; i++) {
    const entry = {
      startedDateTime: new Date(1_767_225_600_000 + i * 1000).toISOString(),
      time: 40,
      request: {
        method: 'GET',
        url: `https://app.bench.test/report/${i}`,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Authorization', value: `Bearer ${makeToken(300)}` }],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Content-Type', value: 'text/html' }],
        cookies: [],
        content: { size: bodyBytes, mimeType: 'text/html', text: textBody(i, bodyBytes) },
        redirectURL: '',
        headersSize: -1,
        bodySize: bodyBytes,
      },
      cache: {},
      timings: { send: 1, wait: 30, receive: 9 },
    };
    write(`${i === 0 ? '' : ','}${JSON.stringify(entry)}`);
  }
  write(']}}');
  return entries;
}
