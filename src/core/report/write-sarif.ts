import type { AuditResult } from '../types';
import type { ReportOptions } from './report-types';
import { createSarifParts } from './sarif';

/** Stands in for the results while the rest of the log is serialized (no catalog text holds it). */
const RESULTS_MARK = '\u0000jwt-lens:sarif-results\u0000';
/** Where each result stands in the log written with `JSON.stringify(log, null, 2)`: runs[0].results. */
const RESULT_INDENT = '        ';

/**
 * Writes the SARIF log exactly as `JSON.stringify(toSarif(result, opts), null, 2)` and a newline, one
 * result at a time, so a log with many thousands of results never sits whole in memory (as one object
 * tree and again as one string). Each result is serialized on its own and indented to its depth: JSON
 * text holds no raw line break but those of the layout, so indenting after each one is exact.
 */
export function writeSarif(result: AuditResult, opts: ReportOptions, emit: (chunk: string) => void): void {
  const { log, results } = createSarifParts(result, opts);
  const [run] = log.runs as Record<string, unknown>[];
  const items = results()[Symbol.iterator]();
  let next = items.next();
  if (!run || next.done) {
    if (run) run.results = [];
    emit(`${JSON.stringify(log, null, 2)}\n`);
    return;
  }
  run.results = [RESULTS_MARK];
  const text = JSON.stringify(log, null, 2);
  // The log's own fields come from the rule catalog and the run: the first mark is the placeholder.
  const mark = `${JSON.stringify(RESULTS_MARK)}\n`;
  const at = text.indexOf(mark);
  emit(text.slice(0, at));
  for (let first = true; !next.done; next = items.next(), first = false) {
    const item = JSON.stringify(next.value, null, 2).replaceAll('\n', `\n${RESULT_INDENT}`);
    emit(first ? item : `,\n${RESULT_INDENT}${item}`);
  }
  emit(`${text.slice(at + mark.length - 1)}\n`);
}
