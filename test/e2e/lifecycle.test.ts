import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonFinding, JsonReport, JsonSighting } from '../../src/core/report/report-types';
import { LIFECYCLE_CATALOG } from '../../src/core/rules/catalog/lifecycle';
import { createReportValidator } from '../core/report/schema-validator';
import { openDemoPanel } from '../harness/demo-panel';
import { exportJson, waitForQuiet } from '../harness/panel-state';
import type { E2eSession } from '../harness/session';

/** The lifecycle rules of issue 13 and the two escalations moved onto the model. */
const LIFECYCLE_IDS = [
  ...LIFECYCLE_CATALOG.map((rule) => rule.id),
  'exp-expired-accepted',
  'alg-none-accepted',
];

// The demo's lifecycle flows (scripts/demo-app/lifecycle.js) in real Chromium with the panel open: each
// lifecycle rule fires on the flow built for it, and stays silent on that flow's healthy twin.
describe('lifecycle rules on the demo in the real DevTools panel', () => {
  let session: E2eSession;
  let panel: Frame;
  let report: JsonReport;
  let sightings: Map<string, JsonSighting>;

  const findings = (ruleId: string): JsonFinding[] => report.findings.filter((f) => f.ruleId === ruleId);
  /** `GET /path → status` of every sighting a finding names. */
  const requests = (finding: JsonFinding) =>
    finding.sightingIds.map((id) => {
      const s = sightings.get(id);
      return s ? `${s.method} ${new URL(s.url).pathname} ${s.status}` : `missing ${id}`;
    });
  const tokenRequests = (fingerprint: string) =>
    (report.tokens.find((t) => t.fingerprint === fingerprint)?.sightings ?? []).map(
      (s) => `${s.where} ${s.method} ${new URL(s.url).pathname}`,
    );

  beforeAll(async () => {
    ({ session, panel } = await openDemoPanel());
    // The whole flow again with the panel open (live capture), lifecycle flows included.
    await session.page.evaluate(() => (window as unknown as { demoFlow(): Promise<string> }).demoFlow());
    await waitForQuiet(panel);
    report = (await exportJson(panel, session.downloads)).json as unknown as JsonReport;
    sightings = new Map(report.tokens.flatMap((t) => t.sightings.map((s) => [s.id, s] as const)));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('exports a schema-valid report in which every lifecycle rule fires', () => {
    expect(createReportValidator()(report)).toEqual([]);
    const fired = new Set(report.findings.map((f) => f.ruleId));
    expect(LIFECYCLE_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });

  it('reports the use after logout at /notes, never the refusals at /billing', () => {
    const after = findings('token-accepted-after-logout');
    expect(after.length).toBeGreaterThan(0);
    for (const finding of after) expect(requests(finding)).toEqual(['GET /notes/today 200']);
    // The near miss: the same token refused by /billing after the logout, with its RFC 6750 error.
    const refused = after.flatMap((f) =>
      (report.tokens.find((t) => t.fingerprint === f.fingerprint)?.sightings ?? []).filter((s) =>
        s.url.includes('/billing/'),
      ),
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const s of refused) {
      expect(s.verdict).toBe('rejected');
      expect(s.wwwAuthenticateError).toBe('invalid_token');
    }
  });

  it('finds the services that disagree on expired, forged and revoked tokens', () => {
    const states = new Set(findings('validation-inconsistent').map((f) => f.detail.split(' tokens of ')[0]));
    expect([...states].sort()).toEqual(['bad signature', 'expired', 'revoked']);
    for (const finding of findings('validation-inconsistent'))
      expect(finding.detail).toContain('/billing refused');
  });

  it('escalates expired, post-dated, forged and unsigned tokens only where they were accepted', () => {
    const where = (ruleId: string) => [...new Set(findings(ruleId).flatMap(requests))].sort();
    expect(where('exp-expired-accepted')).toEqual(['GET /api/legacy 200', 'GET /reports/summary 200']);
    expect(where('nbf-future-accepted')).toEqual(['GET /reports/summary 200']);
    expect(where('sig-invalid-accepted')).toEqual(['GET /reports/summary 200']);
    expect(where('alg-none-accepted')).toEqual(['GET /api/admin 200']);
    // One fact, one critical: the forged token's sig-invalid stays high, the acceptance is its own finding.
    for (const finding of findings('sig-invalid-accepted')) {
      const sig = report.findings.filter(
        (f) => f.ruleId === 'sig-invalid' && f.fingerprint === finding.fingerprint,
      );
      expect(sig.map((f) => f.severity)).toEqual(['high']);
    }
  });

  it('judges refresh grants: /api/token never rotates, /oauth/token does', () => {
    const unrotated = findings('refresh-token-not-rotated');
    expect(unrotated.length).toBeGreaterThan(0);
    for (const finding of unrotated) {
      const seen = tokenRequests(finding.fingerprint);
      expect(seen.some((s) => s.endsWith('/api/token'))).toBe(true);
      expect(seen.some((s) => s.endsWith('/oauth/token'))).toBe(false);
    }
  });

  it('fires each flawed sign-in once per run, never on the healthy sign-ins beside them', () => {
    // Two runs of the flows (before the panel opened, and live): one flawed sign-in each per rule.
    for (const id of [
      'oidc-nonce-mismatch',
      'oidc-at-hash-mismatch',
      'oidc-azp-missing',
      'token-lifetime-mismatch',
    ])
      expect(findings(id), id).toHaveLength(2);
    for (const finding of findings('id-token-as-bearer'))
      expect(requests(finding)).toEqual(['GET /notes/today 200']);
    expect(findings('id-token-as-bearer')).toHaveLength(2);
  });

  it('finds the jti the demo login and its token endpoint share', () => {
    const reused = findings('jti-reused');
    expect(reused.length).toBeGreaterThan(0);
    const paths = new Set(reused.flatMap((f) => tokenRequests(f.fingerprint)));
    expect([...paths].some((p) => p.endsWith('/api/login'))).toBe(true);
    expect([...paths].some((p) => p.endsWith('/api/token'))).toBe(true);
  });
});
