import type { CaptureResult, Sighting } from '../../core/types';
import type { CaptureSource } from '../capture-source';
import { fileInputName } from './capture-inputs';
import { importHarJson, parseImportText } from './har-import';
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
  pasteToken(text: string): ActionResult;
  scanStorage(): Promise<ActionResult>;
  /** Forgets which storage items were reported (on clear). */
  reset(): void;
}

const STORAGE_ERROR: ActionResult = { ok: false, error: 'Could not read the page’s storage.' };

function manual(sightings: Sighting[]): CaptureResult {
  return { sightings, observations: [], keyDocuments: [], problems: [], entryCount: 0 };
}

/** Creates the input actions over a host model. */
export function createInputActions(host: InputHost): InputActions {
  const seq = { import: 0, paste: 0, scan: 0 };
  // A re-scan must not add the same storage item again: it would look like another sighting.
  const reported = new Set<string>();
  const iso = () => new Date(host.clock()).toISOString();
  return {
    importHar(text, fileName) {
      const parsed = parseImportText(text);
      if ('error' in parsed) return { ok: false, error: parsed.error };
      const report = readProbeReport(parsed.json);
      if (report) return 'error' in report ? { ok: false, error: report.error } : host.addProbeReport(report);
      const capture = importHarJson(parsed.json, ++seq.import, host.keepExchange);
      if ('error' in capture) return { ok: false, error: capture.error };
      host.noteInput(fileInputName(fileName));
      host.addNow(capture);
      const tokens = new Set(capture.sightings.map((s) => s.tokenText)).size;
      return {
        ok: true,
        message: `Imported ${plural(capture.entryCount, 'request')}, ${plural(tokens, 'token')}`,
      };
    },
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
