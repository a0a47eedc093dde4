import { publicMembersOf } from '../../core/keys/jwk-check';
import type { ToolInfo } from '../../core/report';
import { isLoopbackHost } from '../../core/rules/context/hosts';
import type { KeyDocument } from '../../core/types';
import type { KeptExchange, KeptPair } from './exchange-store';
import { type ExportFile, fileStamp } from './export-report';
import { isRecord } from './guards';

/** Methods the CLI sends only with `--allow-unsafe-methods` (they can change data). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const pairsOf = (list: readonly KeptPair[]) => list.map((p) => ({ name: p.name, value: p.value }));

/**
 * Request headers to replay: HTTP/2 and HTTP/3 pseudo-headers (`:authority`, `:path`…) are left out, since
 * they restate the method and URL and are not header fields an HTTP/1.1 client may send.
 */
const headersOf = (list: readonly KeptPair[]) => pairsOf(list.filter((p) => !p.name.startsWith(':')));

/** The request of the exchange as a HAR request, raw (the probe sends it). */
function requestOf(req: KeptExchange['request']): Record<string, unknown> {
  const body = req.postData?.text ?? '';
  const request: Record<string, unknown> = {
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    headers: headersOf(req.headers),
    queryString: pairsOf(req.queryString),
    cookies: pairsOf(req.cookies),
    headersSize: -1,
    bodySize: req.postData ? body.length : 0,
  };
  if (req.postData) {
    request.postData = {
      mimeType: req.postData.mimeType,
      text: body,
      ...(req.postData.params ? { params: pairsOf(req.postData.params) } : {}),
    };
  }
  return request;
}

/** One HAR entry around a request and a response content. */
function harEntry(
  startedDateTime: string,
  request: Record<string, unknown>,
  response: { status: number; statusText: string; httpVersion: string; headers: KeptPair[] },
  content: Record<string, unknown>,
): Record<string, unknown> {
  return {
    startedDateTime: startedDateTime || new Date(0).toISOString(),
    time: 0,
    request,
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: response.httpVersion,
      headers: pairsOf(response.headers),
      cookies: [],
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

/**
 * A key document with public material only: a key set's keys without their private members (a symmetric
 * `oct` key, a secret, is left out whole), a discovery document's `issuer` and `jwks_uri` (all the probe
 * reads of it). `undefined` when nothing public is left.
 */
export function publicKeyDocument(
  doc: Pick<KeyDocument, 'kind' | 'json'>,
): Record<string, unknown> | undefined {
  if (!isRecord(doc.json)) return undefined;
  if (doc.kind === 'openid-configuration') {
    const { issuer, jwks_uri } = doc.json;
    return typeof issuer === 'string' && typeof jwks_uri === 'string' ? { issuer, jwks_uri } : undefined;
  }
  const keys = Array.isArray(doc.json.keys) ? doc.json.keys : [];
  const shown = keys.filter((k) => isRecord(k) && k.kty !== 'oct').map((k) => publicMembersOf(k));
  return shown.length > 0 ? { keys: shown } : undefined;
}

/** The key documents as GET entries answered with their JSON: what `jwt-lens probe` reads key sets from. */
function keyEntries(documents: readonly KeyDocument[], startedDateTime: string): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const doc of documents) {
    const json = publicKeyDocument(doc);
    if (!json || !/^https?:\/\//i.test(doc.url)) continue;
    const request = {
      method: 'GET',
      url: doc.url,
      httpVersion: 'HTTP/1.1',
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    };
    const text = JSON.stringify(json);
    const ok = { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [] };
    entries.push(
      harEntry(startedDateTime, request, ok, { size: text.length, mimeType: 'application/json', text }),
    );
  }
  return entries;
}

/**
 * The one exchange as a HAR 1.2 document (what `jwt-lens probe <file> --entry 0` reads): entry 0 is the
 * request, RAW: it keeps its token, cookies and body, since the probe must send them (its HTTP/2
 * pseudo-headers are dropped). Its response has no body (the panel never kept it); its size is unknown
 * (`-1`, as HAR allows). The key documents seen in the capture follow as entries 1…n, public material only
 * (see `publicKeyDocument`), so that the probe can try algorithm confusion with the issuer's public key.
 */
export function probeHar(
  exchange: KeptExchange,
  tool: ToolInfo,
  keyDocuments: readonly KeyDocument[] = [],
): Record<string, unknown> {
  const { response: res } = exchange;
  const entry = harEntry(exchange.startedDateTime, requestOf(exchange.request), res, {
    size: -1,
    mimeType: res.mimeType,
  });
  return {
    log: {
      version: '1.2',
      creator: { name: tool.name, version: tool.version },
      comment:
        'One request saved by JWT Lens for `jwt-lens probe` (entry 0), then the key sets seen in the capture ' +
        '(public keys only). Entry 0 holds the RAW token: keep this file secret.',
      entries: [entry, ...keyEntries(keyDocuments, exchange.startedDateTime)],
    },
  };
}

/** `jwt-lens-probe-2026-01-02T03-04-05Z.har`: sortable, no colons (like the exports' names). */
export function probeFilename(at: Date): string {
  return `jwt-lens-probe-${fileStamp(at)}.har`;
}

/** The HAR as a file to download. */
export function probeHarFile(
  exchange: KeptExchange,
  tool: ToolInfo,
  at: Date,
  keyDocuments: readonly KeyDocument[] = [],
): ExportFile {
  return {
    filename: probeFilename(at),
    mime: 'application/json',
    text: `${JSON.stringify(probeHar(exchange, tool, keyDocuments), null, 2)}\n`,
  };
}

/** What the CLI will ask of this request beyond the command: hosts and methods it refuses by default. */
export interface ProbeNeeds {
  /** The origin the CLI will send to (the request's own). */
  origin: string;
  /** The host, when it is not loopback (the CLI then needs `--allow-host <host>`). */
  allowHost?: string;
  /** The method, when it can change data (the CLI then needs `--allow-unsafe-methods`). */
  unsafeMethod?: string;
}

/** The opt-ins the CLI will want for this request; none for a GET to loopback. */
export function probeNeeds(exchange: KeptExchange): ProbeNeeds {
  const needs: ProbeNeeds = { origin: exchange.request.url };
  try {
    const url = new URL(exchange.request.url);
    needs.origin = url.origin;
    // The host as the CLI reads it: lower case, IPv6 without brackets, with the CLI's own loopback rule.
    const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (!isLoopbackHost(host)) needs.allowHost = host;
  } catch {
    // keptExchangeOf admits only http(s) URLs; one that does not parse is named as it is.
  }
  const method = exchange.request.method.toUpperCase();
  if (!SAFE_METHODS.has(method)) needs.unsafeMethod = method;
  return needs;
}

/**
 * The command to run on the saved file, naming the token the user chose (`--token`). The safety opt-ins are
 * NOT added: the user adds them knowingly.
 */
export function probeCommand(filename: string, fingerprint?: string): string {
  return `jwt-lens probe ${filename} --entry 0${fingerprint ? ` --token ${fingerprint}` : ''}`;
}
