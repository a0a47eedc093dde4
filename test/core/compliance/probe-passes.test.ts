import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { assessCompliance, type ComplianceReport } from '../../../src/core/compliance';
import { fingerprintOf } from '../../../src/core/crypto/fingerprint';
import { assessProbeRun, type ProbeRun } from '../../../src/core/probe';
import { outcome, sampleRun } from '../probe/sample-run';
import { AT, bearer, jwt, NOW } from './capture';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const TOKEN = jwt();
const URL = 'https://api.example.com/v1/me';

/** A capture of one use of a token answered 401: no verdict says whether its signature is checked. */
function captureWith(runs: readonly ProbeRun[]) {
  const result = auditCapture(
    [
      {
        sightings: [bearer(TOKEN, URL, { status: 401 })],
        observations: [],
        keyDocuments: [],
        problems: [],
        entryCount: 1,
      },
    ],
    { now: NOW, extraHits: runs.flatMap((run) => assessProbeRun(run).hits) },
  );
  return assessCompliance(result, { tool: TOOL, frameworks: ['asvs', 'pci-dss'], probes: runs });
}

function control(report: ComplianceReport, id: string) {
  const found = report.frameworks.flatMap((f) => f.controls).find((c) => c.control === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

const run = (over: Partial<ProbeRun> = {}) =>
  sampleRun(URL, fingerprintOf(TOKEN), { startedAt: AT, ...over });
const refusedEverything = () =>
  run({
    outcomes: run().outcomes.map((o) => ({
      ...o,
      verdict: 'rejected' as const,
      shape: outcome('x', 'alg-none', undefined, 'rejected').shape,
    })),
  });

describe('assessCompliance: a refused probe is evidence that the control operates', () => {
  it('without a probe, a verifier control stays partial: a passive capture cannot show verification', () => {
    const asvs = control(captureWith([]), 'v5.0.0-9.1.1');
    expect(asvs.status).not.toBe('pass');
  });

  it('passes ASVS 9.1.1 and 9.1.2 when every tampered token of their probe rules was refused, saying so', () => {
    const report = captureWith([refusedEverything()]);
    const sig = control(report, 'v5.0.0-9.1.1');
    expect(sig.status).toBe('pass');
    expect(sig.evidence).toMatch(/tampered tokens? a probe sent on 1 host refused \(/);
    expect(control(report, 'v5.0.0-9.1.2').status).toBe('pass');
    expect(control(report, 'v5.0.0-9.1.3').status).toBe('pass');
  });

  it('fails ASVS 9.1.2 when the probe’s nOnE token was accepted, and leaves undecided what it could not tell', () => {
    const report = captureWith([run()]);
    const algs = control(report, 'v5.0.0-9.1.2');
    expect(algs.status).toBe('fail');
    expect(algs.findings.map((f) => f.ruleId)).toEqual(['probe-alg-none-accepted']);
    // A token accepted without any signature was not validated either: 9.1.1 fails with it.
    expect(control(report, 'v5.0.0-9.1.1').status).toBe('fail');
    expect(control(report, 'v5.0.0-9.1.1').findings.map((f) => f.ruleId)).toEqual([
      'probe-alg-none-accepted',
    ]);
  });

  it('a stopped run is no evidence', () => {
    const report = captureWith([run({ stopped: 'endpoint does not require this token' })]);
    expect(control(report, 'v5.0.0-9.1.1').status).not.toBe('pass');
    expect(control(report, 'v5.0.0-9.1.1').status).not.toBe('fail');
  });

  it('the time and audience controls pass only on re-signed cases the server could have accepted', () => {
    const time = [
      outcome('expired', 'expired', 'probe-expired-accepted', 'rejected'),
      outcome('not-yet-valid', 'not-yet-valid', 'probe-nbf-ignored', 'rejected'),
      outcome('wrong-audience', 'wrong-audience', 'probe-audience-ignored', 'rejected'),
    ];
    const trusted = captureWith([
      run({ outcomes: [...time, outcome('wrong-subject', 'wrong-subject', undefined, 'accepted')] }),
    ]);
    expect(control(trusted, 'v5.0.0-9.2.1').status).toBe('pass');
    expect(control(trusted, 'v5.0.0-9.2.3').status).toBe('pass');
    const untrusted = captureWith([
      run({ outcomes: [...time, outcome('wrong-subject', 'wrong-subject', undefined, 'rejected')] }),
    ]);
    expect(control(untrusted, 'v5.0.0-9.2.1').status).not.toBe('pass');
  });
});
