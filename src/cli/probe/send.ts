import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeHeader, ProbeRequest } from '../../core/probe';
import { loopbackLookup } from './loopback-lookup';

/** Response bytes kept for the shape; the rest is read and dropped (the length still counts). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this many bytes the response is cut off: a probe never needs more than its shape. */
const MAX_READ_BYTES = 16 * 1024 * 1024;

/** What came back, or why nothing did. */
export type SendResult =
  | { status: number; headers: ProbeHeader[]; body: string; durationMs: number }
  | { error: string; durationMs: number };

export interface SendOptions {
  timeoutMs: number;
  clock?: () => number;
}

/**
 * Sends one request with node:http(s) and resolves with the response or a one-line error; never rejects.
 * Redirects are not followed (Node never does): a 3xx is an answer like any other. The timeout covers the
 * whole exchange, from connecting to the last byte. Certificates are checked as Node checks them.
 */
export function sendProbe(request: ProbeRequest, options: SendOptions): Promise<SendResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (error: unknown) =>
      finish({ error: describeNetError(error), durationMs: clock() - started });
    const body = request.body ? Buffer.from(request.body.text, 'utf8') : undefined;
    let req: ClientRequest;
    try {
      req = open(request, body);
    } catch (error) {
      // A header value Node refuses to send (a control character from a hand-edited HAR) throws here.
      fail(error);
      return;
    }
    timer = setTimeout(() => {
      finish({ error: `timed out after ${formatSeconds(options.timeoutMs)}`, durationMs: clock() - started });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', fail);
    req.on('response', (res) =>
      readResponse(res).then((out) => finish({ ...out, durationMs: clock() - started }), fail),
    );
    req.end(body);
  });
}

/** Host names that say loopback must resolve to loopback (see `loopbackLookup`). */
const LOOKUP = loopbackLookup();

/** A fresh connection per request (`agent: false`): one request in flight, nothing kept alive after. */
function open(request: ProbeRequest, body: Buffer | undefined): ClientRequest {
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // Node adds no `Host` to headers given as an array: the URL's, as the original request had.
  const headers = ['Host', url.host, ...headersOf(request, body)];
  return send(url, { method: request.method, headers, agent: false, lookup: LOOKUP });
}

/**
 * The request's headers as Node takes them, flat (`[name, value, name, value…]`), so repeated headers and
 * the recorded case survive; with the body's length, and its type when no header gives one.
 */
function headersOf(request: ProbeRequest, body: Buffer | undefined): string[] {
  const headers = request.headers.flatMap((h) => [h.name, h.value]);
  if (body === undefined) return headers;
  const typed = request.headers.some((h) => h.name.toLowerCase() === 'content-type');
  if (!typed && request.body?.mimeType) headers.push('Content-Type', request.body.mimeType);
  headers.push('Content-Length', String(body.length));
  return headers;
}

async function readResponse(
  res: IncomingMessage,
): Promise<{ status: number; headers: ProbeHeader[]; body: string }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let read = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    read += chunk.length;
    if (kept < MAX_BODY_BYTES) {
      const part = chunk.subarray(0, MAX_BODY_BYTES - kept);
      chunks.push(part);
      kept += part.length;
    }
    if (read >= MAX_READ_BYTES) {
      res.destroy();
      break;
    }
  }
  const headers: ProbeHeader[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.push({ name: res.rawHeaders[i] ?? '', value: res.rawHeaders[i + 1] ?? '' });
  return { status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** A network failure in a few words, from Node's error `code`. */
export function describeNetError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ERR_PROBE_NOT_LOOPBACK':
      return error instanceof Error ? error.message : 'refused: not a loopback address';
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'ERR_INVALID_HTTP_TOKEN':
    case 'ERR_INVALID_CHAR':
      return 'the request has a header Node cannot send';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return (typeof code === 'string' ? `${code}: ${message}` : message).split('\n')[0] ?? 'failed';
    }
  }
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
