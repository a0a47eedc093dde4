// @ts-check
/**
 * A small, deliberately insecure web app for demos and the e2e tests, on 127.0.0.1 only.
 *   node scripts/demo-app/server.mjs [--port 8080]
 * or `import { startDemoServer } from './scripts/demo-app/server.mjs'`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { createLifecycleRoutes } from './lifecycle-routes.mjs';
import { createProbeRoutes } from './probe-routes.mjs';
import { createRoutes, handleSocket } from './routes.mjs';
import { createIssuer } from './tokens.mjs';

const HERE = new URL('.', import.meta.url);
const STATIC = {
  '/': { type: 'text/html; charset=utf-8', file: 'index.html' },
  '/index.html': { type: 'text/html; charset=utf-8', file: 'index.html' },
  '/app.js': { type: 'text/javascript; charset=utf-8', file: 'app.js' },
  '/lifecycle.js': { type: 'text/javascript; charset=utf-8', file: 'lifecycle.js' },
  '/probe.js': { type: 'text/javascript; charset=utf-8', file: 'probe.js' },
};
const MAX_BODY = 64 * 1024;

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `/api/burst/123` → route `/api/burst` with `n=123`. @param {URL} url */
function routePath(url) {
  const burst = /^\/api\/burst\/(\d+)$/.exec(url.pathname);
  if (burst) url.searchParams.set('n', burst[1] ?? '0');
  return burst ? '/api/burst' : url.pathname;
}

/**
 * Starts the demo app.
 * @param {{ port?: number }} [options] - `port: 0` (the default) picks a free port.
 * @returns {Promise<{ url: string, close: () => Promise<void>, requestCount: () => number }>}
 */
export async function startDemoServer({ port = 0 } = {}) {
  let requests = 0;
  /** @type {Record<string, (req: any) => Promise<{ status: number, body?: unknown, headers?: Record<string, string | string[]> }>>} */
  let routes = {};
  /** @type {import('./routes.mjs').Issuer | undefined} */
  let issuer;
  const server = createServer(async (req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const asset = STATIC[/** @type {keyof typeof STATIC} */ (url.pathname)];
    try {
      if (asset && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
        res.end(readFileSync(new URL(asset.file, HERE)));
        return;
      }
      const handler = routes[`${req.method} ${routePath(url)}`];
      if (!handler) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not_found"}');
        return;
      }
      const body = await readBody(req);
      const out = await handler({
        method: req.method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      res.writeHead(out.status, { 'Content-Type': 'application/json', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":"server_error"}');
    }
  });
  // `/ws/notifications`: a socket authenticated by its first message, as many real-time APIs do.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  server.on('upgrade', (req, socket, head) => {
    requests += 1;
    const ready = issuer;
    if (!ready || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/ws/notifications') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => handleSocket(ws, ready));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  issuer = await createIssuer(url);
  routes = {
    ...createRoutes(issuer),
    ...createLifecycleRoutes(issuer, url),
    ...(await createProbeRoutes(issuer, url)),
  };
  return {
    url,
    requestCount: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  const flag = process.argv.indexOf('--port');
  const port = flag > 0 ? Number(process.argv[flag + 1]) : 0;
  const demo = await startDemoServer({ port });
  console.log(`JWT Lens demo app: ${demo.url}/  (Ctrl+C to stop)`);
}
