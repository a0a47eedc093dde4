import { isRecord, normalizePairs, stringAt } from '../../core/capture/guards';
import type { ProbeHeader, ProbeRequest } from '../../core/probe';

/**
 * Headers never replayed: HTTP/2 pseudo-headers, hop-by-hop headers (RFC 9110 §7.6.1), the framing Node
 * computes again (`Host`, `Content-Length`), and `Accept-Encoding`, so the answer comes back as plain text
 * whose shape can be read.
 */
const DROPPED = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
]);

/**
 * The request of a HAR entry as the probe replays it, or a one-line reason it cannot be. The entry is
 * untrusted JSON: every field is checked.
 */
export function probeRequestOf(entry: unknown): ProbeRequest | { error: string } {
  const request = isRecord(entry) && isRecord(entry.request) ? entry.request : undefined;
  if (!request) return { error: 'has no request' };
  const method = stringAt(request, 'method') ?? '';
  const url = stringAt(request, 'url') ?? '';
  if (!/^[A-Za-z]+$/.test(method)) return { error: 'has no request method' };
  if (url === '') return { error: 'has no request URL' };
  const out: ProbeRequest = { method: method.toUpperCase(), url, headers: headersOf(request.headers) };
  const body = isRecord(request.postData) ? bodyOf(request.postData) : undefined;
  if (body) out.body = body;
  return out;
}

function headersOf(value: unknown): ProbeHeader[] {
  return normalizePairs(value)
    .filter(({ name }) => name !== '' && !name.startsWith(':') && !DROPPED.has(name.toLowerCase()))
    .map(({ name, value: text }) => ({ name, value: text }));
}

/** HAR `postData`: its `text`, or its `params` form-encoded when only those were recorded. */
function bodyOf(postData: Record<string, unknown>): ProbeRequest['body'] {
  const mimeType = stringAt(postData, 'mimeType') ?? '';
  const text = stringAt(postData, 'text');
  if (text !== undefined) return { mimeType, text };
  const params = normalizePairs(postData.params);
  if (params.length === 0) return undefined;
  const form = new URLSearchParams(params.map((p): [string, string] => [p.name, p.value]));
  return { mimeType: mimeType || 'application/x-www-form-urlencoded', text: form.toString() };
}
