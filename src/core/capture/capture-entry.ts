import type { ExchangeFacts } from '../lifecycle/types';
import type { CaptureResult } from '../types';
import { createEntryScan, type EntryParts, type EntryScan, realHeaders } from './entry-scan';
import { exchangeFactsOf } from './exchange-facts';
import { headerValue, isRecord, type NameValue, normalizePairs, numberAt, stringAt } from './guards';
import { scanRequestBody, scanResponseBody } from './scan-body';
import { scanHarCookies, scanRequestHeaders, scanUrl } from './scan-request';
import { responseCaching, scanRedirectUrl, scanResponseHeaders } from './scan-response';
import { scanWebSocketMessages, WEBSOCKET_MESSAGE_COUNT } from './scan-websocket';
import { type EntryContext, type FindCache, MAX_SIGHTINGS_PER_ENTRY } from './sighting-sink';
import type { PlacedCut } from './string-cut';
import { parseUrlParts, schemeOf } from './url-parts';

/**
 * Captures every token sighting, key document and credential observation of one HAR 1.2 entry (a live
 * DevTools `onRequestFinished` entry or one entry of a file), including the WebSocket frames Chrome
 * records with it (see `scanWebSocketMessages`). Never throws: a malformed entry yields an
 * empty result with a problem line (`entry 12: request.url is missing`), a damaged part of an entry is
 * skipped with a problem line and the rest is still captured.
 *
 * @param entry - the untrusted entry
 * @param requestId - stamped on every sighting and observation (a HAR file uses the entry index)
 * @param pageOrigin - origin of the page that made the request, when the caller knows it
 */
export function captureEntry(entry: unknown, requestId: string, pageOrigin?: string): CaptureResult {
  return captureEntryWith(entry, requestId, pageOrigin, undefined);
}

/**
 * `captureEntry` with a `findTokens` memo shared across the entries of one HAR (see `FindCache`), and
 * the tokens the streaming reader found past the cut of a body too long to keep (see `placeCuts`).
 */
export function captureEntryWith(
  entry: unknown,
  requestId: string,
  pageOrigin: string | undefined,
  cache: FindCache | undefined,
  cuts: readonly PlacedCut[] = [],
): CaptureResult {
  const fail = (problem: string) => failed(`entry ${requestId}: ${problem}`);
  if (!isRecord(entry)) return fail('not an object');
  const request = entry.request;
  if (!isRecord(request))
    return fail(request === undefined ? 'request is missing' : 'request is not an object');
  const url = stringAt(request, 'url');
  if (url === undefined)
    return fail(request.url === undefined ? 'request.url is missing' : 'request.url is not a string');
  const response = isRecord(entry.response) ? entry.response : {};
  const parts: EntryParts = {
    entry,
    request,
    response,
    url,
    requestHeaders: realHeaders(normalizePairs(request.headers)),
    responseHeaders: realHeaders(normalizePairs(response.headers)),
  };
  const scan = createEntryScan(entryContext(parts, requestId, pageOrigin), cache);
  scan.problems.push(...structuralProblems(entry, request, response));
  scanRequestHeaders(scan, parts.requestHeaders);
  scanHarCookies(scan, request.cookies, 'request-cookie');
  scanUrl(scan, url);
  scanRequestBody(scan, request.postData);
  scanResponseHeaders(scan, parts.responseHeaders);
  scanHarCookies(scan, response.cookies, 'set-cookie');
  scanRedirectUrl(scan, response);
  scanResponseBody(scan, response.content);
  scanCuts(scan, cuts);
  scanWebSocketMessages(scan, entry._webSocketMessages, entry[WEBSOCKET_MESSAGE_COUNT]);
  return toResult(scan, requestId, exchangeFactsOf(parts, scan));
}

const MIB = 1024 * 1024;

/** Tokens past the cut of a long body, named `body` (JSON paths need the whole text), and a problem. */
function scanCuts(scan: EntryScan, cuts: readonly PlacedCut[]): void {
  for (const cut of cuts) {
    const size = `${cut.what} is ${(cut.bytes / MIB).toFixed(1)} MiB`;
    const kept = `the first ${(cut.kept / MIB).toFixed(1)} MiB`;
    if (cut.what === 'a value' || cut.base64) {
      scan.problems.push(`${size}; only ${kept} was scanned`);
      continue;
    }
    for (const token of cut.tokens) scan.sink.addToken(cut.where, 'body', token);
    scan.problems.push(`${size}; past ${kept} it was only searched for tokens, in windows`);
  }
}

/** The result for an entry that could not be read at all. */
function failed(problem: string): CaptureResult {
  return { sightings: [], observations: [], keyDocuments: [], problems: [problem], entryCount: 1 };
}

function toResult(scan: EntryScan, requestId: string, facts: ExchangeFacts | undefined): CaptureResult {
  if (scan.sink.overflowed) {
    scan.problems.push(`more than ${MAX_SIGHTINGS_PER_ENTRY} token sightings; the rest were dropped`);
  }
  const result: CaptureResult = {
    sightings: scan.sink.sightings,
    observations: scan.observations,
    keyDocuments: scan.keyDocuments,
    problems: scan.problems.map((problem) => `entry ${requestId}: ${problem}`),
    entryCount: 1,
  };
  if (facts) result.exchanges = [facts];
  return result;
}

/** Parts of the entry that are the wrong type: reported, then treated as empty. */
function structuralProblems(
  entry: Record<string, unknown>,
  request: Record<string, unknown>,
  response: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  if (!isRecord(entry.response))
    problems.push(entry.response === undefined ? 'response is missing' : 'response is not an object');
  if (request.headers !== undefined && !Array.isArray(request.headers))
    problems.push('request.headers is not an array');
  if (response.headers !== undefined && !Array.isArray(response.headers))
    problems.push('response.headers is not an array');
  if (request.cookies !== undefined && !Array.isArray(request.cookies))
    problems.push('request.cookies is not an array');
  if (response.cookies !== undefined && !Array.isArray(response.cookies))
    problems.push('response.cookies is not an array');
  return problems;
}

function entryContext(parts: EntryParts, requestId: string, pageOrigin: string | undefined): EntryContext {
  const status = numberAt(parts.response, 'status', 0);
  const context: EntryContext = {
    requestId,
    url: parts.url,
    method: stringAt(parts.request, 'method') ?? '',
    status: status > 0 ? Math.trunc(status) : 0,
    scheme: schemeOf(parts.url),
    startedAt: stringAt(parts.entry, 'startedDateTime') ?? '',
    responseCacheControl: responseCaching(parts.responseHeaders),
  };
  const initiator = initiatorOrigin(parts.requestHeaders) ?? pageOrigin;
  if (initiator) context.initiatorOrigin = initiator;
  return context;
}

/** `Origin` (unless the opaque `null`), else the origin of `Referer`. */
function initiatorOrigin(headers: readonly NameValue[]): string | undefined {
  const origin = headerValue(headers, 'origin')?.trim();
  if (origin && origin !== 'null') return origin.toLowerCase();
  const referer = headerValue(headers, 'referer');
  return referer ? parseUrlParts(referer).origin || undefined : undefined;
}
