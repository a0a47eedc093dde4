import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler of `node:http`. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 whose handler is set once its URL (and so the issuer) is known. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

/** Listens on an ephemeral port of 127.0.0.1 only; answers 503 until a handler is set. */
export async function listenOnLoopback(): Promise<LoopbackServer> {
  let current: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setHandler(handler) {
      current = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
