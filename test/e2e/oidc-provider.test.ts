import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/core';
import type { JsonReport, JsonToken } from '../../src/core/report/report-types';
import { type FlowExpect, loadFlowFile } from '../corpus/corpus-files';
import { judgeFlowReport } from '../corpus/judge';
import { describeMistake, failuresOf, otherFalsePositives, scoreCases } from '../corpus/score';
import { ROOT } from '../harness/builds';
import { ensureCliBundle } from '../harness/cli-bundle';
import { harFromDevtools } from '../harness/devtools-har';
import { preserveDevtoolsLog } from '../harness/devtools-panel';
import { type FlowSteps, type OidcStack, runOidcFlow, startOidcStack } from '../harness/oidc-flow/drive-flow';
import { clickByName } from '../harness/panel-query';
import { exportJson, openTokenRow, waitForQuiet, waitForTokens } from '../harness/panel-state';
import { type E2eSession, startE2eSession } from '../harness/session';

const EXPECT_FILE = join(ROOT, 'test/corpus/flows/oidc-provider.expect.json');
/** JWTs the flow yields: two ID tokens (code, refresh), the API's access token, the client-credentials one. */
const MIN_JWTS = 4;

/** `node bin/jwt-lens.js scan <har> --format json`, parsed. */
function scanWithCli(harPath: string): JsonReport {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/jwt-lens.js'), 'scan', harPath, '--format', 'json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`jwt-lens scan exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonReport;
}

/** Each token's findings as `fingerprint purpose rule severity`, sorted: what two hosts must agree on. */
function findingKeys(report: JsonReport): string[] {
  const purposes = new Map(report.tokens.map((t) => [t.fingerprint, t.purpose]));
  const keys = report.findings.map(
    (f) => `${f.fingerprint || 'exchange'} ${purposes.get(f.fingerprint) ?? '-'} ${f.ruleId} ${f.severity}`,
  );
  return [...new Set(keys)].sort();
}

/** Where each token was seen, as `fingerprint where name method url`, sorted. */
function sightingKeys(report: JsonReport): string[] {
  return report.tokens
    .flatMap((t) => t.sightings.map((s) => `${t.fingerprint} ${s.where} ${s.name} ${s.method} ${s.url}`))
    .sort();
}

/**
 * Every mistake of `report` against the flow's expectations, scored by the shared corpus scorer. A
 * controlled flow allows none: no unmatched selector, no forbidden finding (nor one above its cap), no
 * false positive, no false negative, whatever the corpus threshold.
 */
function mistakesOf(report: JsonReport, flow: FlowExpect, label: string) {
  const { judged, errors } = judgeFlowReport(report, flow, label);
  const score = scoreCases(judged);
  return {
    errors,
    failures: failuresOf(score),
    // The forbidden ones (and those above their cap) are in `failures` already.
    otherFalsePositives: otherFalsePositives(score).map(describeMistake),
    falseNegatives: score.falseNegatives.map(describeMistake),
  };
}

const NO_MISTAKES = { errors: [], failures: [], otherFalsePositives: [], falseNegatives: [] };

/** The flow's expectations, through the corpus loader (which validates them as the corpus test does). */
function loadExpectations(): FlowExpect {
  const { flow, errors } = loadFlowFile(EXPECT_FILE, RULE_IDS);
  expect(errors).toEqual([]);
  if (!flow || !('generatedBy' in flow)) throw new Error(`${EXPECT_FILE} must name its generatedBy`);
  expect(flow.generatedBy).toBe(relative(ROOT, fileURLToPath(import.meta.url)));
  return flow;
}

const verified = (report: JsonReport, token: JsonToken): boolean =>
  report.findings.some((f) => f.fingerprint === token.fingerprint && f.ruleId === 'sig-verified');

// A certified OpenID provider (oidc-provider 9) and a browser client on 127.0.0.1, run in real Chromium
// with the JWT Lens panel open; the panel's export and the CLI's scan of DevTools' HAR must agree, and
// both must meet the corpus expectations written from the standards.
describe('an oidc-provider login in the real DevTools panel', () => {
  let stack: OidcStack;
  let session: E2eSession;
  let panel: Frame;
  let steps: FlowSteps;
  let panelReport: JsonReport;
  let cliReport: JsonReport;
  let workDir: string;
  const expectations = loadExpectations();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'jwt-lens-oidc-'));
    const cli = ensureCliBundle();
    stack = await startOidcStack();
    session = await startE2eSession();
    panel = await session.showPanel();
    // The flow navigates (provider, login, consent, callback): keep every document's traffic, in
    // DevTools' log (for the HAR) and in the panel.
    await preserveDevtoolsLog(session.devtools);
    await clickByName(panel, 'Preserve log');
    steps = await runOidcFlow(session.page, stack);
    await waitForTokens(panel, MIN_JWTS);
    await waitForQuiet(panel);
    panelReport = (await exportJson(panel, session.downloads)).json as unknown as JsonReport;
    const harPath = join(workDir, 'oidc-provider.har');
    writeFileSync(harPath, await harFromDevtools(panel));
    await cli;
    cliReport = scanWithCli(harPath);
  });

  afterAll(async () => {
    await session?.close();
    await stack?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('ran the whole flow: code + PKCE, API call verified with jose, rotated refresh, userinfo, client credentials', () => {
    expect(steps).toEqual({
      code: 'access_token,expires_in,id_token,refresh_token,scope,token_type',
      api: 200,
      refresh: 'access_token,expires_in,id_token,refresh_token,scope,token_type',
      rotated: 'true',
      userinfo: 200,
      service: 200,
    });
    expect(stack.rp.apiChecks()).toEqual(['ok', 'ok']);
    expect(stack.provider.notices()).toEqual([]);
    // The corpus entry names the provider version it was generated with.
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/oidc-provider/package.json'), 'utf8'));
    expect(installed.version).toBe(expectations.source.version);
  });

  it('captured the ID token, the JWT access token and the client-credentials token, each sig-verified from the JWKS in the traffic', () => {
    const { clients, issuer } = stack.provider;
    const jwts = panelReport.tokens.filter((t) => t.kind === 'jws' && t.iss === issuer);
    const idTokens = jwts.filter((t) => t.purpose === 'id');
    const userAccess = jwts.filter(
      (t) => t.purpose === 'access' && t.claims?.client_id === clients.web.clientId,
    );
    const service = jwts.filter(
      (t) => t.purpose === 'access' && t.claims?.client_id === clients.service.clientId,
    );
    expect(idTokens.length).toBeGreaterThanOrEqual(2);
    expect(userAccess).toHaveLength(1);
    expect(service).toHaveLength(1);
    for (const token of [...idTokens, ...userAccess, ...service])
      expect(verified(panelReport, token)).toBe(true);
    const sightings = userAccess[0]?.sightings.map((s) => `${s.where} ${s.name}`);
    expect(sightings).toEqual(
      expect.arrayContaining(['response-body $.access_token', 'request-header Authorization']),
    );
  });

  it('lists each token with its purpose and issue time, and explains the ID token’s OIDC claims', async () => {
    const rows = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid="token-row"]')].map((row) => ({
        purpose: row.querySelector('[data-testid="token-purpose"]')?.getAttribute('data-purpose'),
        issued: row.querySelector('[data-testid="token-issued"]')?.textContent ?? '',
      })),
    );
    expect(rows.map((r) => r.purpose)).toEqual(expect.arrayContaining(['id', 'access']));
    expect(rows.filter((r) => !/\d:\d\d:\d\d/.test(r.issued))).toEqual([]);
    await openTokenRow(panel, ':has([data-purpose="id"])');
    // Every claim oidc-provider puts in an ID token is a standard one: each gets its meaning.
    const claims = await panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid="claims-table"] tbody tr')].map((row) => [
        row.getAttribute('data-claim'),
        row.querySelector('td.muted')?.textContent ?? '',
      ]),
    );
    expect(claims.map(([claim]) => claim)).toEqual(
      expect.arrayContaining(['sub', 'aud', 'nonce', 'given_name', 'email_verified']),
    );
    expect(claims.filter(([, meaning]) => meaning === '')).toEqual([]);
  });

  it('reports the same findings in the panel and in the CLI for the same traffic (HAR from DevTools)', () => {
    expect(cliReport.tokens.map((t) => t.fingerprint).sort()).toEqual(
      panelReport.tokens.map((t) => t.fingerprint).sort(),
    );
    expect(findingKeys(cliReport)).toEqual(findingKeys(panelReport));
    expect(sightingKeys(cliReport)).toEqual(sightingKeys(panelReport));
  });

  it('meets the corpus expectations (test/corpus/flows/oidc-provider.expect.json) in the panel, without a single mistake', () => {
    expect(mistakesOf(panelReport, expectations, 'panel')).toEqual(NO_MISTAKES);
  });

  it('meets the corpus expectations in the CLI report, without a single mistake', () => {
    expect(mistakesOf(cliReport, expectations, 'cli')).toEqual(NO_MISTAKES);
  });
});
