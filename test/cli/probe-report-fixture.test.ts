import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../scripts/demo-app/server.mjs';
import { startDemoServer } from '../../scripts/demo-app/server.mjs';
import { readProbeReport } from '../../src/panel/models/probe-report';
import { createReportValidator } from '../core/report/schema-validator';
import { harText, runProbeCli } from './probe-helpers';

/**
 * test/fixtures/probe-report.json is a real `jwt-lens probe --format json` report: the demo app's alg-none
 * endpoint probed from a HAR shaped as the panel saves it (the request as entry 0, the issuer's key set
 * after it). Make it again with
 *   UPDATE_PROBE_FIXTURE=1 npx vitest run test/cli/probe-report-fixture.test.ts && npx biome format --write test/fixtures/probe-report.json
 * Without the variable, this test checks that the committed fixture still reads as a fresh report does.
 */
const FIXTURE = 'test/fixtures/probe-report.json';

let demo: DemoServer;
let fresh: Record<string, unknown>;

/** A probe report of the demo's `/probe/<endpoint>` called with its RS256 token. */
async function demoProbeReport(server: DemoServer, endpoint: string): Promise<Record<string, unknown>> {
  const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
  const tokens = (await (await fetch(`${server.url}/api/probe-tokens`)).json()) as Record<string, string>;
  const har = harText([
    { url: `${server.url}/probe/${endpoint}`, headers: { Authorization: `Bearer ${tokens.rs256}` } },
    { url: `${server.url}/.well-known/jwks.json`, response: jwks },
  ]);
  const argv = ['probe', 'saved.har', '--entry', '0', '--format', 'json'];
  const result = await runProbeCli(argv, { 'saved.har': har });
  if (result.code === 2) throw new Error(`probe exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** What the panel shows of a report, without the run's own values (fingerprint, times, port). */
function panelView(report: unknown) {
  const read = readProbeReport(report);
  if (!read || 'error' in read) throw new Error('not a probe report');
  const [results] = [...read.byToken.values()];
  return {
    runs: read.runCount,
    findings: results?.findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      labels: f.evidence.map((e) => e.label),
    })),
    outcomes: results?.runs[0]?.outcomes.map((o) => `${o.caseId} ${o.verdict} ${o.status}`),
    baseline: results?.runs[0]?.baseline?.status,
    negative: results?.runs[0]?.negativeControl?.status,
  };
}

beforeAll(async () => {
  demo = await startDemoServer();
  fresh = await demoProbeReport(demo, 'alg-none');
  if (process.env.UPDATE_PROBE_FIXTURE) writeFileSync(FIXTURE, `${JSON.stringify(fresh, null, 2)}\n`);
});
afterAll(() => demo.close());

describe('the probe report fixture', () => {
  it('is a report the schema accepts, fresh and committed', () => {
    const validate = createReportValidator();
    expect(validate(fresh)).toEqual([]);
    expect(validate(JSON.parse(readFileSync(FIXTURE, 'utf8')))).toEqual([]);
  });

  it('reads in the panel as a fresh run of the CLI does', () => {
    const committed = panelView(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    expect(committed).toEqual(panelView(fresh));
    expect(committed.findings?.map((f) => f.rule)).toEqual(['probe-alg-none-accepted']);
  });

  it('holds no token signature', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    for (const token of text.match(/eyJ[\w-]*\.[\w-]*\.[\w-]+/g) ?? []) expect(token).toBe('');
  });
});
