import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, sendProbe } from '../../src/cli/probe/send';

/** The sender alone: what it sends, what it keeps of an answer, and that it never throws. */
let server: Server;
let base = '';
const received: { method: string; headers: Record<string, string | string[] | undefined>; body: string }[] =
  [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url === '/huge') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        const block = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < 48; i++) res.write(block);
        res.end();
        return;
      }
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Twice': ['a', 'b'] }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('sendProbe', () => {
  it('sends the method, headers (as recorded, repeated ones too) and body, and returns the whole answer', async () => {
    const answer = await sendProbe(
      {
        method: 'PUT',
        url: `${base}/x?y=1`,
        headers: [
          { name: 'Authorization', value: 'Bearer t' },
          { name: 'X-Dup', value: '1' },
          { name: 'X-Dup', value: '2' },
        ],
        body: { mimeType: 'application/json', text: '{"é":1}' },
      },
      { timeoutMs: 2000 },
    );
    expect(answer).toMatchObject({ status: 201, body: '{"ok":true}' });
    expect('headers' in answer && answer.headers).toEqual(
      expect.arrayContaining([
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Twice', value: 'a' },
        { name: 'X-Twice', value: 'b' },
      ]),
    );
    const last = received.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.headers).toMatchObject({
      authorization: 'Bearer t',
      'x-dup': '1, 2',
      host: base.slice('http://'.length),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength('{"é":1}')),
    });
    expect(last?.body).toBe('{"é":1}');
  });

  it(`keeps at most ${MAX_BODY_BYTES} bytes of an answer`, async () => {
    const answer = await sendProbe({ method: 'GET', url: `${base}/huge`, headers: [] }, { timeoutMs: 5000 });
    expect('body' in answer && answer.body.length).toBe(MAX_BODY_BYTES);
  });

  it('returns a header Node refuses to send as an error, never a throw', async () => {
    const answer = await sendProbe(
      { method: 'GET', url: `${base}/`, headers: [{ name: 'X-Bad', value: 'a\r\nInjected: 1' }] },
      { timeoutMs: 2000 },
    );
    expect(answer).toMatchObject({ error: 'the request has a header Node cannot send' });
  });
});
