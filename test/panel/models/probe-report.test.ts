import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PROBE_RUNS, readProbeReport } from '../../../src/panel/models/probe-report';
import { createReportValidator } from '../../core/report/schema-validator';

const fixture = () => JSON.parse(readFileSync('test/fixtures/probe-report.json', 'utf8'));
const FP = '81529d314c4c7ef8';

describe('reading a probe report', () => {
  it('reads a fixture that is a real JSON report plus the probes section (the schema gains it with the core)', () => {
    const { probes, ...scan } = fixture();
    expect(createReportValidator()(scan)).toEqual([]);
    expect(probes).toHaveLength(1);
  });

  it('reads the runs and the probe-* findings by token, with their evidence', () => {
    const read = readProbeReport(fixture());
    if (!read || 'error' in read) throw new Error('not read');
    expect(read.runCount).toBe(1);
    expect(read.findingCount).toBe(1);
    const results = read.byToken.get(FP);
    expect(results?.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'probe-alg-none-accepted critical',
    ]);
    expect(results?.findings[0]?.evidence.map((e) => e.label)).toEqual([
      'request',
      'baseline',
      'negative control',
      'probe',
    ]);
    const run = results?.runs[0];
    expect(run?.slot).toBe('request-header Authorization');
    expect(run?.baseline?.status).toBe(200);
    expect(run?.negativeControl?.status).toBe(401);
    expect(run?.outcomes.map((o) => `${o.caseId} ${o.verdict}`)).toEqual([
      'alg-none:none accepted',
      'alg-none:nOnE accepted',
      'signature-stripped rejected',
      'signature-corrupted rejected',
      'embedded-jwk rejected',
    ]);
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
