import type { AuditResult } from '../types';
import { createJsonReportParts, JSON_REPORT_LISTS } from './json-report';
import type { ReportOptions } from './report-types';

/** Text handed to `emit` at a time: large enough for few writes, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 16;

/** How `writeJsonReport` hands its text over. */
export interface JsonWriteOptions {
  /**
   * Pieces are joined into chunks of about this many characters before `emit` (default 64 Ki): few
   * calls for a sink that writes each one out. 0 hands over each piece as it is made, for a sink that
   * buffers its own writes: a chunk joined from pieces is stored as two-byte text as soon as one piece
   * holds a character beyond Latin-1 (the `…` of every masked value), and encoding it to UTF-8 then
   * costs about twice as much as encoding the pieces one by one.
   */
  chunkChars?: number;
}

/**
 * Writes the JSON report (the same document as `toJsonReport`) in chunks, building one token or
 * finding at a time, so a report on a capture of any size never sits whole in memory. Layout: one
 * top-level field per line and one list item per line, which keeps the file greppable and diffable.
 */
export function writeJsonReport(
  result: AuditResult,
  opts: ReportOptions,
  emit: (chunk: string) => void,
  options: JsonWriteOptions = {},
): void {
  const { head, texts } = createJsonReportParts(result, opts);
  const chunkChars = options.chunkChars ?? CHUNK_CHARS;
  let buffer = '';
  const push =
    chunkChars > 0
      ? (text: string) => {
          buffer += text;
          if (buffer.length >= chunkChars) {
            emit(buffer);
            buffer = '';
          }
        }
      : emit;
  push('{\n');
  for (const [key, value] of Object.entries(head))
    push(`${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  JSON_REPORT_LISTS.forEach((name, index) => {
    push(`${JSON.stringify(name)}: [`);
    let first = true;
    for (const item of texts[name]()) {
      // Separator and item apart: the item stays the flat string it was made as.
      push(first ? '\n' : ',\n');
      push(item);
      first = false;
    }
    push(`${first ? '' : '\n'}]${index < JSON_REPORT_LISTS.length - 1 ? ',' : ''}\n`);
  });
  push('}\n');
  if (buffer) emit(buffer);
}
