import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAuditor } from '../../../src/core/audit';
import { captureHar } from '../../../src/core/capture';
import type { CaptureHit, CaptureResult } from '../../../src/core/types';

const NOW = 1_767_225_600;
function demo(): CaptureResult {
  const capture = captureHar(JSON.parse(readFileSync('test/fixtures/demo.har', 'utf8')));
  if ('error' in capture) throw new Error(capture.error);
  return capture;
}

/** Hits as a scan step returns them: one about the first token, one exchange-wide. */
function hitsFor(capture: CaptureResult): CaptureHit[] {
  const auditor = createAuditor();
  auditor.add(capture);
  const first = auditor.records()[0]?.token.fingerprint ?? '';
  return [
    { ruleId: 'sig-invalid', fingerprint: first, detail: 'RS256 signature does not verify' },
    { ruleId: 'internal-error', fingerprint: '', detail: 'step failed' },
  ];
}

describe('Auditor.prepare', () => {
  it('gives the result a fresh auditor gives, hits added after it or none', () => {
    for (const withHits of [true, false]) {
      const hits = withHits ? hitsFor(demo()) : [];
      const fresh = createAuditor();
      fresh.add(demo());
      fresh.addHits(hits);
      const prepared = createAuditor();
      prepared.add(demo());
      prepared.prepare(NOW);
      prepared.addHits(hits);
      const result = prepared.result(NOW);
      expect(result.findings.length).toBeGreaterThan(withHits ? 10 : 9);
      expect(JSON.stringify(result)).toBe(JSON.stringify(fresh.result(NOW)));
    }
  });
});
