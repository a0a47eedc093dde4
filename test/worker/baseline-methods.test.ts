import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../src/core/audit';
import { learnBaseline, serializeBaseline } from '../../src/core/baseline';
import { captureHar } from '../../src/core/capture';
import { DEFAULT_POLICY } from '../../src/core/policy';
import type { AuditResult } from '../../src/core/types';
import { createCoreMethods } from '../../src/worker/core-methods';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const NOW = 1_741_950_000;

function auditOf(harText: string): AuditResult {
  const capture = captureHar(JSON.parse(harText));
  if ('error' in capture) throw new Error(capture.error);
  return auditCapture([capture], { now: NOW });
}

const demo = readFileSync('test/fixtures/demo.har', 'utf8');
/** The demo capture with its API calls sent to another host: drift for the access tokens. */
const drifted = demo.replaceAll('https://api.example.com/', 'https://api.elsewhere.example/');

describe('baseline methods of the core worker', () => {
  it('learns over a structured clone of the audit exactly what core learns, with the file’s bytes', () => {
    const result = auditOf(demo);
    const learned = createCoreMethods().learnBaseline({
      result: structuredClone(result),
      inputs: ['demo.har'],
      tool: TOOL,
    });
    const expected = learnBaseline(result, { inputs: ['demo.har'], tool: TOOL });
    expect(learned.text).toBe(serializeBaseline(expected));
    expect(learned.baseline).toEqual(expected);
    expect(learned.baseline.profiles.length).toBeGreaterThan(0);
  });

  it('reads a baseline file back, keeping its text as written', () => {
    const methods = createCoreMethods();
    const { text } = methods.learnBaseline({ result: auditOf(demo), inputs: ['demo.har'], tool: TOOL });
    const read = methods.readBaseline({ text, source: 'jwt-baseline.json' });
    expect('error' in read).toBe(false);
    if ('error' in read) return;
    expect(read.text).toBe(text);
    expect(serializeBaseline(read.baseline)).toBe(text);
  });

  it('names the file, the place and the problem of a bad file in one line', () => {
    const methods = createCoreMethods();
    const notJson = methods.readBaseline({ text: '{ "baselineVersion": 1,', source: 'b.json' });
    expect(notJson).toEqual({ error: expect.stringMatching(/^b\.json: not valid JSON: .*byte 23/) });
    const notBaseline = methods.readBaseline({ text: '{"policy": {}}', source: 'b.json' });
    expect(notBaseline).toEqual({ error: expect.stringMatching(/^b\.json: baseline\b[^\n]*$/) });
  });

  it('finds no drift on the capture the baseline was learned from, and drift on a changed one', () => {
    const methods = createCoreMethods();
    const { baseline } = methods.learnBaseline({ result: auditOf(demo), inputs: ['demo.har'], tool: TOOL });
    const same = methods.driftHits({ result: auditOf(demo), baseline, policy: DEFAULT_POLICY });
    expect(same).toEqual([]);
    const hits = methods.driftHits({ result: auditOf(drifted), baseline, policy: DEFAULT_POLICY });
    expect(hits.map((h) => h.ruleId)).toContain('drift-new-recipient-host');
    const evidence = hits.find((h) => h.ruleId === 'drift-new-recipient-host')?.evidence ?? [];
    expect(evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['expected', 'seen']));
  });
});
