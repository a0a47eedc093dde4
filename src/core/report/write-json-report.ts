import type { AuditResult } from '../types';
import { createJsonReportParts, JSON_REPORT_LISTS } from './json-report';
import type { ReportOptions } from './report-types';

/** Text handed to `emit` at a time: large enough for few writes, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 16;

/**
 * Writes the JSON report (the same document as `toJsonReport`) in chunks, building one token or
 * finding at a time, so a report on a capture of any size never sits whole in memory. Layout: one
 * top-level field per line and one list item per line, which keeps the file greppable and diffable.
 */
export function writeJsonReport(
  result: AuditResult,
  opts: ReportOptions,
  emit: (chunk: string) => void,
): void {
  const { head, lists } = createJsonReportParts(result, opts);
  let buffer = '{\n';
  const push = (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK_CHARS) {
      emit(buffer);
      buffer = '';
    }
  };
  for (const [key, value] of Object.entries(head))
    push(`${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  JSON_REPORT_LISTS.forEach((name, index) => {
    push(`${JSON.stringify(name)}: [`);
    let first = true;
    for (const item of lists[name]()) {
      push(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
      first = false;
    }
    push(`${first ? '' : '\n'}]${index < JSON_REPORT_LISTS.length - 1 ? ',' : ''}\n`);
  });
  emit(`${buffer}}\n`);
}
