import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PROBE_RUNS, readProbeReport } from '../../../src/panel/models/probe-report';
import { createReportValidator } from '../../core/report/schema-validator';

const fixture = () => JSON.parse(readFileSync('test/fixtures/probe-report.json', 'utf8'));
const FP = () => fixture().probes[0].fingerprint as string;

describe('reading a probe report', () => {
  it('reads a real report of `jwt-lens probe` (test/cli/probe-report-fixture.test.ts makes it), schema-valid', () => {
    expect(createReportValidator()(fixture())).toEqual([]);
    expect(fixture().probes).toHaveLength(1);
  });

  it('reads the runs, the probe-* findings by token with their evidence, and the rules passed', () => {
    const read = readProbeReport(fixture());
    if (!read || 'error' in read) throw new Error('not read');
    expect(read.runCount).toBe(1);
    expect(read.findingCount).toBe(1);
    const results = read.byToken.get(FP());
    expect(results?.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'probe-alg-none-accepted critical',
    ]);
    expect(results?.findings[0]?.evidence.map((e) => e.label)).toEqual([
      'request',
      'token in',
      'baseline (token as captured)',
      'negative control (no token)',
      'probe alg-none:none',
      'probe alg-none:None',
      'probe alg-none:NONE',
      'probe alg-none:nOnE',
    ]);
    const run = results?.runs[0];
    expect(run?.slot).toBe('request-header Authorization');
    expect(run?.baseline?.status).toBe(200);
    expect(run?.negativeControl?.status).toBe(401);
    expect(run?.outcomes.filter((o) => o.verdict === 'accepted').map((o) => o.caseId)).toEqual([
      'alg-none:none',
      'alg-none:None',
      'alg-none:NONE',
      'alg-none:nOnE',
    ]);
    expect(run?.outcomes.length).toBeGreaterThan(8);
    expect(run?.outcomes.every((o) => o.verdict !== 'inconclusive')).toBe(true);
    expect(run?.passed).toContain('probe-signature-not-verified');
    expect(run?.passed).not.toContain('probe-alg-none-accepted');
  });

  it('keeps only probe rule ids from the rules passed', () => {
    const report = fixture();
    report.probes[0].passedRuleIds = ['jti-missing', 'probe-kid-injection-accepted', 7];
    const read = readProbeReport(report);
    if (!read || 'error' in read) throw new Error('not read');
    expect(read.byToken.get(FP())?.runs[0]?.passed).toEqual(['probe-kid-injection-accepted']);
  });

  it('leaves the scan findings of the same report out (they are the token rules’, not the probe’s)', () => {
    const read = readProbeReport(fixture());
    if (!read || 'error' in read) throw new Error('not read');
    expect(fixture().findings.length).toBeGreaterThan(1);
    expect(
      [...read.byToken.values()].flatMap((r) => r.findings).every((f) => f.ruleId.startsWith('probe-')),
    ).toBe(true);
  });

  it('is not a report for a HAR or other JSON, and says what a scan report without probes lacks', () => {
    expect(readProbeReport({ log: { entries: [] } })).toBeUndefined();
    expect(readProbeReport([1, 2])).toBeUndefined();
    const { probes: _dropped, ...scan } = fixture();
    expect(createReportValidator()(scan)).toEqual([]);
    expect(readProbeReport(scan)).toEqual({ error: expect.stringMatching(/without probe results/) });
  });

  it('bounds what it reads and skips malformed runs and outcomes', () => {
    const report = fixture();
    const run = report.probes[0];
    report.probes = [...Array.from({ length: MAX_PROBE_RUNS + 10 }, () => run), { fingerprint: 7 }, 'nope'];
    const read = readProbeReport(report);
    if (!read || 'error' in read) throw new Error('not read');
    expect(read.runCount).toBe(MAX_PROBE_RUNS);
  });

  it('never throws on arbitrary documents shaped like a report', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (probes, findings) => {
        const doc = {
          schemaVersion: 1,
          tool: {},
          findings: Array.isArray(findings) ? findings : [findings],
          probes,
        };
        const read = readProbeReport(doc);
        expect(read === undefined || 'error' in read || read.byToken instanceof Map).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.anything()), fc.array(fc.anything()), (probes, findings) => {
        const read = readProbeReport({ schemaVersion: 1, tool: {}, findings, probes });
        if (!read || 'error' in read) throw new Error('a report with probes must read');
        for (const r of read.byToken.values())
          for (const f of r.findings) expect(f.ruleId).toMatch(/^probe-/);
      }),
    );
  });
});
