import { captureHar } from '../../core/capture';
import type { CaptureResult } from '../../core/types';
import { probeableRequestIds } from './exchange-store';

/** Largest HAR file the panel reads (the CLI has no such limit; the panel shares memory with DevTools). */
export const MAX_HAR_CHARS = 200 * 1024 * 1024;

/**
 * Reads a HAR file's text into a capture. Request and sighting ids get a per-import prefix (`har2-14:0`)
 * so two imports, or an import and live traffic, never share ids: context rules count distinct requests.
 * Never throws: bad JSON or a document that is not a HAR comes back as `{ error }` with one line.
 *
 * @param text - the file's content
 * @param importNumber - 1 for the first import of the session, 2 for the next…
 */
export function importHar(text: string, importNumber: number): CaptureResult | { error: string } {
  const parsed = parseImportText(text);
  return 'error' in parsed ? parsed : importHarJson(parsed.json, importNumber);
}

/** Parses an imported file's text; `{ error }` (one line, never quoting the text) when it is not JSON. */
export function parseImportText(text: string): { json: unknown } | { error: string } {
  if (text.length > MAX_HAR_CHARS) return { error: `the file is larger than ${MAX_HAR_CHARS >> 20} MiB` };
  try {
    return { json: JSON.parse(text) };
  } catch {
    // The engine's message would quote the file's text, and that text may be a token.
    return { error: 'not a HAR file: the text is not valid JSON' };
  }
}

/**
 * `importHar` on parsed JSON. `keep` receives each entry that carried a token a probe can change, under
 * the request id its sightings carry (the panel keeps those for "Probe this request…").
 */
export function importHarJson(
  json: unknown,
  importNumber: number,
  keep?: (requestId: string, entry: unknown) => void,
): CaptureResult | { error: string } {
  const capture = captureHar(json);
  if ('error' in capture) return capture;
  const prefix = `har${importNumber}-`;
  if (keep) {
    // captureHar accepted the document, so log.entries is an array; ids are entry indexes.
    const entries = (json as { log: { entries: unknown[] } }).log.entries;
    for (const id of probeableRequestIds(capture.sightings)) keep(prefix + id, entries[Number(id)]);
  }
  return prefixCapture(capture, prefix);
}

/** The capture with every request and sighting id prefixed (`har2-` + `14:0`). */
export function prefixCapture(capture: CaptureResult, prefix: string): CaptureResult {
  return {
    ...capture,
    sightings: capture.sightings.map((s) => ({ ...s, id: prefix + s.id, requestId: prefix + s.requestId })),
    observations: capture.observations.map((o) => ({ ...o, requestId: prefix + o.requestId })),
    keyDocuments: capture.keyDocuments.map((d) => ({ ...d, requestId: prefix + d.requestId })),
    exchanges: (capture.exchanges ?? []).map((e) => ({ ...e, requestId: prefix + e.requestId })),
  };
}
