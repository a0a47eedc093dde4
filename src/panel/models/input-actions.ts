import type { CaptureResult, Sighting } from '../../core/types';
import type { CaptureSource } from '../capture-source';
import { fileInputName } from './capture-inputs';
import { type FileImportOutcome, type HarImporter, importHarFile } from './har-file-import';
import { importHarJson, parseImportText } from './har-import';
import type { HarImportBatch } from './har-import-session';
import { pastedSightings } from './pasted-sightings';
import { plural } from './plural';
import { type ProbeReportRead, readProbeReport } from './probe-report';
import { storageSightings } from './storage-sightings';

/** The outcome of a user action, as one line for the status bar. */
export type ActionResult = { ok: true; message: string } | { ok: false; error: string };

/** What the actions need from the tokens model. */
export interface InputHost {
  source: CaptureSource;
  clock: () => number;
  /** Captures pending live entries first (to keep order), adds the capture, publishes. */
  addNow(capture: CaptureResult): void;
  /** Fingerprint of the token with this exact text, if it is held. */
  fingerprintOf(tokenText: string): string | undefined;
  select(fingerprint: string): void;
  /** Keeps an imported request that carried a probeable token (for "Probe this request…"). */
  keepExchange(requestId: string, entry: unknown): void;
  /** Adds a batch of a streamed import (its capture and kept requests); publishes when due. */
  addImported(batch: HarImportBatch): void;
  /** Publishes the result now (a streamed import has ended). */
  publish(): void;
  /** Where streamed imports run (the worker in the extension). */
  importer: HarImporter;
  /** Shows an imported probe report's results on their tokens. */
  addProbeReport(report: ProbeReportRead): ActionResult;
  /** Notes what a capture came from (a HAR file's name, pasted tokens, web storage), for baselines. */
  noteInput(name: string): void;
}

/** The user's own inputs: a HAR file (or a probe report), a pasted token, a storage scan. */
export interface InputActions {
  /**
   * Imports a HAR file, or a JWT Lens JSON report with probe results (`jwt-lens probe --format json`);
   * `fileName` names the HAR among the inputs a baseline is learned from.
   */
  importHar(text: string, fileName?: string): ActionResult;
  /**
   * Streams a HAR file in (any size; the capture runs in the importer), or reads a small file that is
   * not a HAR as a probe report. Cancel keeps what was read before it.
   */
  importFile(file: Blob, options?: ImportFileOptions): Promise<ActionResult>;
  pasteToken(text: string): ActionResult;
  scanStorage(): Promise<ActionResult>;
  /** Forgets which storage items were reported (on clear). */
  reset(): void;
}

export interface ImportFileOptions {
  onProgress?(bytes: number, size: number): void;
  signal?: AbortSignal;
}

/** A file that is not a HAR and no larger than this is tried as a probe report (reports are small). */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;

const STORAGE_ERROR: ActionResult = { ok: false, error: 'Could not read the page’s storage.' };

function manual(sightings: Sighting[]): CaptureResult {
  return { sightings, observations: [], keyDocuments: [], problems: [], entryCount: 0 };
}

function imported(requests: number, tokens: number): ActionResult {
  return { ok: true, message: `Imported ${plural(requests, 'request')}, ${plural(tokens, 'token')}` };
}

/** The status line of a streamed import that read something (to its end, its fault, or Cancel). */
function fileImported(outcome: FileImportOutcome, tokens: number): ActionResult {
  if ('cancelled' in outcome)
    return {
      ok: true,
      message: `Import cancelled: kept the ${plural(outcome.entries, 'request')} read before, ${plural(tokens, 'token')}`,
    };
  return 'error' in outcome.end
    ? { ok: false, error: outcome.end.error }
    : imported(outcome.end.entries, tokens);
}

/** Creates the input actions over a host model. */
export function createInputActions(host: InputHost): InputActions {
  const seq = { import: 0, paste: 0, scan: 0 };
  // A re-scan must not add the same storage item again: it would look like another sighting.
  const reported = new Set<string>();
  const iso = () => new Date(host.clock()).toISOString();
  /** A JWT Lens report with probe results; `undefined` when the JSON is not a JWT Lens report. */
  const asReport = (json: unknown): ActionResult | undefined => {
    const report = readProbeReport(json);
    if (!report) return undefined;
    return 'error' in report ? { ok: false, error: report.error } : host.addProbeReport(report);
  };
  const importFile = async (file: Blob, options: ImportFileOptions = {}): Promise<ActionResult> => {
    const tokens = new Set<string>();
    let noted = false;
    const onBatch = (batch: HarImportBatch) => {
      if (!noted && batch.capture.entryCount > 0) {
        // Named as the CLI names its inputs, for a baseline learned from this capture.
        host.noteInput(
          fileInputName('name' in file && typeof file.name === 'string' ? file.name : undefined),
        );
        noted = true;
      }
      for (const s of batch.capture.sightings) tokens.add(s.tokenText);
      host.addImported(batch);
    };
    const channel = await host.importer(file, ++seq.import);
    const outcome = await importHarFile(file.size, channel, { ...options, onBatch });
    host.publish();
    if ('cancelled' in outcome) return fileImported(outcome, tokens.size);
    const { end } = outcome;
    if (!('error' in end)) return fileImported(outcome, tokens.size);
    // Not a HAR: a small file may be a probe report (read whole only then).
    if (file.size <= MAX_REPORT_BYTES) {
      const parsed = parseImportText(await file.text());
      const report = 'json' in parsed ? asReport(parsed.json) : undefined;
      if (report) return report;
    }
    return { ok: false, error: end.error };
  };
  return {
    importHar(text, fileName) {
      const parsed = parseImportText(text);
      if ('error' in parsed) return { ok: false, error: parsed.error };
      const report = asReport(parsed.json);
      if (report) return report;
      const capture = importHarJson(parsed.json, ++seq.import, host.keepExchange);
      if ('error' in capture) return { ok: false, error: capture.error };
      host.noteInput(fileInputName(fileName));
      host.addNow(capture);
      const tokens = new Set(capture.sightings.map((s) => s.tokenText)).size;
      return imported(capture.entryCount, tokens);
    },
    importFile: (file, options) =>
      importFile(file, options).catch(() => ({ ok: false, error: 'Could not read the file' }) as const),
    pasteToken(text) {
      const sightings = pastedSightings(text, ++seq.paste, iso());
      const first = sightings[0];
      if (!first) return { ok: false, error: 'Nothing to audit: paste a token (at most 256 KiB).' };
      host.noteInput('pasted tokens');
      host.addNow(manual(sightings));
      const fingerprint = host.fingerprintOf(first.tokenText);
      if (fingerprint) host.select(fingerprint);
      return { ok: true, message: `Added ${plural(sightings.length, 'token')}` };
    },
    async scanStorage() {
      let items: unknown;
      try {
        items = await host.source.scanStorage();
      } catch {
        return STORAGE_ERROR;
      }
      if (!Array.isArray(items)) return STORAGE_ERROR;
      const all = storageSightings(items, ++seq.scan, iso());
      const key = (s: Sighting) => `${s.name}\n${s.url}\n${s.tokenText}`;
      const fresh = all.filter((s) => !reported.has(key(s)));
      for (const s of fresh) reported.add(key(s));
      if (fresh.length > 0) host.noteInput('web storage');
      host.addNow(manual(fresh));
      const tokens = new Set(all.map((s) => s.tokenText)).size;
      return {
        ok: true,
        message: `Scanned ${plural(items.length, 'storage item')}: ${plural(tokens, 'token')}`,
      };
    },
    reset: () => reported.clear(),
  };
}
