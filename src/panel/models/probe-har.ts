import type { ToolInfo } from '../../core/report';
import { isLoopbackHost } from '../../core/rules/context/hosts';
import type { KeptExchange, KeptPair } from './exchange-store';
import { type ExportFile, fileStamp } from './export-report';

/** Methods the CLI sends only with `--allow-unsafe-methods` (they can change data). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const pairsOf = (list: readonly KeptPair[]) => list.map((p) => ({ name: p.name, value: p.value }));

/**
 * Request headers to replay: HTTP/2 and HTTP/3 pseudo-headers (`:authority`, `:path`…) are left out, since
 * they restate the method and URL and are not header fields an HTTP/1.1 client may send.
 */
const headersOf = (list: readonly KeptPair[]) => pairsOf(list.filter((p) => !p.name.startsWith(':')));

/**
 * The one exchange as a HAR 1.2 document with a single entry (what `jwt-lens probe <file> --entry 0` reads).
 * RAW: the request keeps its token, cookies and body, since the probe must send them (its HTTP/2 pseudo-headers
 * are dropped). The response has no
 * body (the panel never kept it); its size is unknown (`-1`, as HAR allows for sizes).
 */
export function probeHar(exchange: KeptExchange, tool: ToolInfo): Record<string, unknown> {
  const { request: req, response: res } = exchange;
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
  const entry = {
    startedDateTime: exchange.startedDateTime || new Date(0).toISOString(),
    time: 0,
    request,
    response: {
      status: res.status,
      statusText: res.statusText,
      httpVersion: res.httpVersion,
      headers: pairsOf(res.headers),
      cookies: [],
      content: { size: -1, mimeType: res.mimeType },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
  return {
    log: {
      version: '1.2',
      creator: { name: tool.name, version: tool.version },
      comment: 'One request saved by JWT Lens for `jwt-lens probe`. It holds the RAW token: keep it secret.',
      entries: [entry],
    },
  };
}

/** `jwt-lens-probe-2026-01-02T03-04-05Z.har`: sortable, no colons (like the exports' names). */
export function probeFilename(at: Date): string {
  return `jwt-lens-probe-${fileStamp(at)}.har`;
}

/** The HAR as a file to download. */
export function probeHarFile(exchange: KeptExchange, tool: ToolInfo, at: Date): ExportFile {
  return {
    filename: probeFilename(at),
    mime: 'application/json',
    text: `${JSON.stringify(probeHar(exchange, tool), null, 2)}\n`,
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
 * The command to run on the saved file. `--token` is added when the request carried more than one token,
 * so the CLI probes the one the user chose. The safety opt-ins are NOT added: the user adds them knowingly.
 */
export function probeCommand(filename: string, fingerprint?: string): string {
  return `jwt-lens probe ${filename} --entry 0${fingerprint ? ` --token ${fingerprint}` : ''}`;
}
