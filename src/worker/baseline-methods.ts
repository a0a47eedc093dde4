import { type Baseline, driftHits, learnBaseline, parseBaseline, serializeBaseline } from '../core/baseline';
import type { AuditResult, CaptureHit, Policy } from '../core/types';

/** Learning a baseline over the panel's capture: the audit, and what the capture was made of. */
export interface LearnRequest {
  result: AuditResult;
  /** Names of what the capture came from (imported HAR file names, the live page…), as the CLI's inputs. */
  inputs: string[];
  tool: { name: string; version: string };
}

/** A baseline with the bytes of its file: what `jwt-lens baseline -o` writes for the same input. */
export interface BaselineFile {
  baseline: Baseline;
  text: string;
}

/** Reading a baseline file: the baseline and its text as written, or the CLI's one-line error. */
export type ReadResult = BaselineFile | { error: string };

/** Drift of the capture from a baseline, under the panel's policy. */
export interface DriftRequest {
  result: AuditResult;
  baseline: Baseline;
  policy: Policy;
}

/**
 * The baseline work the panel hands the worker: learning, reading a file and drift can each take a while
 * on a large capture, so they run off the UI thread. Pure over structured-cloneable data.
 */
export const baselineMethods = {
  learnBaseline({ result, inputs, tool }: LearnRequest): BaselineFile {
    const baseline = learnBaseline(result, { inputs, tool });
    return { baseline, text: serializeBaseline(baseline) };
  },
  /** `source` names the file in the error, as the CLI names it (`jwt-baseline.json: …`). */
  readBaseline({ text, source }: { text: string; source: string }): ReadResult {
    const parsed = parseBaseline(text, source);
    return 'error' in parsed ? { error: parsed.error } : { baseline: parsed.baseline, text };
  },
  driftHits({ result, baseline, policy }: DriftRequest): CaptureHit[] {
    return driftHits(result, baseline, policy);
  },
};

/** The baseline methods as the panel calls them: asynchronously (in the worker, or in-process in tests). */
export type BaselineEngine = {
  [K in keyof typeof baselineMethods]: (
    params: Parameters<(typeof baselineMethods)[K]>[0],
  ) => Promise<ReturnType<(typeof baselineMethods)[K]>>;
};
