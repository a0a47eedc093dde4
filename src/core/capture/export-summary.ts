import { isRecord, stringAt } from './guards';

/**
 * What the whole-file checks need to know of a HAR's entries, gathered one entry at a time by
 * `summarizeEntry` (whichever reader walks the entries), then judged by `sanitizedExportProblem` and
 * `detachedBodiesProblem`.
 */
export interface ExportSummary {
  /** Entries whose request recorded at least one header. */
  entriesWithHeaders: number;
  /** True once some entry had an `Authorization`, `Cookie` or `Set-Cookie` header or a recorded cookie. */
  credentials: boolean;
  /** Entries with a body kept outside the HAR (`_file`, `_sha1`), which capture cannot read. */
  detachedBodies: number;
}

export function createExportSummary(): ExportSummary {
  return { entriesWithHeaders: 0, credentials: false, detachedBodies: 0 };
}

/** Adds one (untrusted) entry to the summary. Stops looking for credentials once some were seen. */
export function summarizeEntry(summary: ExportSummary, entry: unknown): void {
  if (!isRecord(entry)) return;
  const { request, response } = entry;
  if (
    isDetached(isRecord(response) ? response.content : undefined) ||
    isDetached(isRecord(request) ? request.postData : undefined)
  )
    summary.detachedBodies++;
  if (summary.credentials) return;
  if (isRecord(request)) {
    const headers = request.headers;
    if (Array.isArray(headers) && headers.length > 0) summary.entriesWithHeaders++;
    if (hasHeader(headers, isRequestCredential) || hasItems(request.cookies)) summary.credentials = true;
  }
  if (isRecord(response) && (hasHeader(response.headers, isSetCookie) || hasItems(response.cookies)))
    summary.credentials = true;
}

/** The summary of two runs of entries (batches captured apart, in worker threads), in either order. */
export function mergeExportSummaries(a: ExportSummary, b: ExportSummary): ExportSummary {
  return {
    entriesWithHeaders: a.entriesWithHeaders + b.entriesWithHeaders,
    credentials: a.credentials || b.credentials,
    detachedBodies: a.detachedBodies + b.detachedBodies,
  };
}

/** Chrome and the browsers built on it (Edge, Brave, Opera) name their DevTools export so. */
const CHROMIUM_CREATOR = 'WebInspector';

/**
 * One problem line when the HAR looks like Chrome's default export: since Chrome 130 DevTools exports HAR
 * "sanitized" unless asked otherwise, dropping every `Authorization`, `Cookie` and `Set-Cookie` header and
 * emptying `cookies[]` (devtools-frontend `models/har/Log.ts`), and leaves no marker in the file. So: a
 * Chromium creator, requests that recorded headers, and not one credential header or cookie anywhere.
 *
 * @param creator - the HAR's `log.creator`, untrusted
 * @param summary - the entries, as `summarizeEntry` saw them
 */
export function sanitizedExportProblem(creator: unknown, summary: ExportSummary): string | undefined {
  if (!isRecord(creator) || stringAt(creator, 'name') !== CHROMIUM_CREATOR) return undefined;
  if (summary.credentials || summary.entriesWithHeaders === 0) return undefined;
  return (
    'no request in this Chrome HAR has a Cookie or Authorization header and no response sets a cookie: it ' +
    "looks like Chrome's default export, which leaves them out (Chrome 130 and later), so tokens sent there " +
    'cannot be audited. Export again with the Network panel\'s download button menu "Export HAR (with ' +
    'sensitive data)", after turning on "Allow to generate HAR with sensitive data" in DevTools Settings ' +
    '(Preferences, Network)'
  );
}

/**
 * A problem line when bodies were kept outside the HAR: Playwright's `recordHar` with `content: "attach"`
 * (its default when the HAR is written into a .zip) stores each body in a file named by `_file` (`_sha1` in
 * traces) and leaves no `text`, so tokens in those bodies cannot be seen here.
 */
export function detachedBodiesProblem(summary: ExportSummary): string | undefined {
  const n = summary.detachedBodies;
  if (n === 0) return undefined;
  return (
    `${n} ${n === 1 ? 'entry keeps its body' : 'entries keep their bodies'} in separate files (_file: Playwright's ` +
    'recordHar content "attach", its default for a .zip), which were not read; record with content "embed" ' +
    'to audit tokens in bodies'
  );
}

/** A body whose bytes are in a file: `_file` or `_sha1` and no text (Playwright leaves `postData.text` ''). */
function isDetached(body: unknown): boolean {
  if (!isRecord(body) || (body.text !== undefined && body.text !== '')) return false;
  return typeof body._file === 'string' || typeof body._sha1 === 'string';
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function hasHeader(headers: unknown, matches: (lowerName: string) => boolean): boolean {
  if (!Array.isArray(headers)) return false;
  for (const header of headers) {
    const name: unknown = isRecord(header) ? header.name : undefined;
    // Only names as long as the three that matter pay for lower-casing.
    if (typeof name === 'string' && (name.length === 6 || name.length === 10 || name.length === 13))
      if (matches(name.toLowerCase())) return true;
  }
  return false;
}

function isRequestCredential(lowerName: string): boolean {
  return lowerName === 'cookie' || lowerName === 'authorization';
}

function isSetCookie(lowerName: string): boolean {
  return lowerName === 'set-cookie';
}

/**
 * Puts the lines about the whole file (a sanitized Chrome export, bodies kept in separate files) before
 * the entries' problem lines, so a long list of those cannot push them out of the CLI's warnings.
 */
export function prependFileProblems(problems: string[], creator: unknown, summary: ExportSummary): void {
  const lines = [sanitizedExportProblem(creator, summary), detachedBodiesProblem(summary)];
  problems.unshift(...lines.filter((line): line is string => line !== undefined));
}
