import { readFileSync } from 'node:fs';
import { createAuditor } from '../../../src/core/audit';
import { type Baseline, learnBaseline } from '../../../src/core/baseline';
import { captureHar } from '../../../src/core/capture';
import type { AuditResult } from '../../../src/core/types';

export const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
export const NOW = Date.UTC(2025, 2, 14, 9, 30) / 1000;

/** A fresh audit of a parsed HAR (a new auditor each time: nothing is shared between two audits). */
export function auditHar(har: unknown): AuditResult {
  const capture = captureHar(har);
  if ('error' in capture) throw new Error(capture.error);
  const auditor = createAuditor();
  auditor.add(capture);
  return auditor.result(NOW);
}

export function readHar(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function learnFrom(har: unknown, input = 'capture.har', prior?: Baseline): Baseline {
  return learnBaseline(auditHar(har), { inputs: [input], tool: TOOL }, prior);
}
