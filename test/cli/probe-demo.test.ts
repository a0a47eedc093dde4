import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../scripts/demo-app/server.mjs';
import { startDemoServer } from '../../scripts/demo-app/server.mjs';
import { createReportValidator } from '../core/report/schema-validator';
import type { EntrySpec } from './probe-helpers';
import { harText, runProbeCli } from './probe-helpers';

/**
 * `jwt-lens probe` against the demo app's probe endpoints (scripts/demo-app/probe-routes.mjs), with the
 * core's real recipes: every probe fires on the endpoint built with its flaw, none on the sound one.
 * The HAR is what the demo page's "Call the probe endpoints" button leaves: the issuer's key set, then one
 * call per endpoint with its token.
 */
type TokenKind = 'rs256' | 'es256' | 'hs256' | 'kid';
const CALLS: [endpoint: string, token: TokenKind][] = [
  ['sound', 'rs256'],
  ['sound', 'es256'],
  ['sound', 'hs256'],
  ['alg-none', 'rs256'],
  ['unverified', 'rs256'],
  ['psychic', 'es256'],
  ['embedded-jwk', 'rs256'],
  ['alg-confusion', 'rs256'],
  ['kid-path', 'kid'],
  ['clock-tolerance', 'hs256'],
  ['no-audience', 'hs256'],
];

let demo: DemoServer;
let files: Record<string, string>;
let jwksFile = '';
let tokens: Record<TokenKind, string>;

beforeAll(async () => {
  demo = await startDemoServer();
  const jwks = await (await fetch(`${demo.url}/.well-known/jwks.json`)).json();
  tokens = (await (await fetch(`${demo.url}/api/probe-tokens`)).json()) as Record<TokenKind, string>;
  jwksFile = join(mkdtempSync(join(tmpdir(), 'jwt-lens-probe-demo-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
  const entries: EntrySpec[] = [{ url: `${demo.url}/.well-known/jwks.json`, response: jwks }];
  for (const [endpoint, kind] of CALLS) {
    entries.push({
      url: `${demo.url}/probe/${endpoint}`,
      headers: { Authorization: `Bearer ${tokens[kind]}` },
    });
  }
  files = { 'demo-probe.har': harText(entries) };
});
afterAll(async () => {
  await demo.close();
  rmSync(dirname(jwksFile), { recursive: true, force: true });
});

/** The probe-* rule ids the probe of entry `index` raised, sorted. */
async function probeFindings(index: number, har = files, extra: string[] = []): Promise<string[]> {
  const argv = ['probe', 'demo-probe.har', '--entry', String(index), '--format', 'json', ...extra];
  const result = await runProbeCli(argv, har);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { findings: { ruleId: string }[]; probes?: unknown[] };
  expect(createReportValidator()(report)).toEqual([]);
  expect(report.probes).toHaveLength(1);
  return [...new Set(report.findings.map((f) => f.ruleId).filter((id) => id.startsWith('probe-')))].sort();
}

const entryOf = (endpoint: string, kind: TokenKind) =>
  1 + CALLS.findIndex(([e, k]) => e === endpoint && k === kind);

describe('probe on the demo app (needs the core recipes of p1-probe-core)', () => {
  it.each(['rs256', 'es256', 'hs256'] as const)(
    'raises nothing on the sound endpoint (%s token)',
    async (kind) => {
      expect(await probeFindings(entryOf('sound', kind))).toEqual([]);
    },
  );

  it.each([
    ['alg-none', 'rs256', ['probe-alg-none-accepted']],
    ['psychic', 'es256', ['probe-psychic-signature-accepted']],
    ['embedded-jwk', 'rs256', ['probe-embedded-jwk-trusted']],
    ['alg-confusion', 'rs256', ['probe-alg-confusion-accepted']],
    ['kid-path', 'kid', ['probe-kid-injection-accepted']],
  ] as const)('proves exactly the flaw of /probe/%s', async (endpoint, kind, expected) => {
    expect(await probeFindings(entryOf(endpoint, kind))).toEqual(expected);
  });

  it('proves that /probe/unverified never checks the signature', async () => {
    expect(await probeFindings(entryOf('unverified', 'rs256'))).toContain('probe-signature-not-verified');
  });

  it('proves that /probe/clock-tolerance accepts expired and post-dated tokens, and checks the audience', async () => {
    const fired = await probeFindings(entryOf('clock-tolerance', 'hs256'));
    expect(fired).toEqual(expect.arrayContaining(['probe-expired-accepted', 'probe-nbf-ignored']));
    expect(fired).not.toContain('probe-audience-ignored');
  });

  it('proves that /probe/no-audience accepts tokens for another service, and checks the times', async () => {
    const fired = await probeFindings(entryOf('no-audience', 'hs256'));
    expect(fired).toContain('probe-audience-ignored');
    expect(fired).not.toContain('probe-expired-accepted');
    expect(fired).not.toContain('probe-nbf-ignored');
  });

  it('keys the alg-confusion cases with --jwks when the HAR holds only the exchange', async () => {
    const alone = {
      'demo-probe.har': harText([
        { url: `${demo.url}/probe/alg-confusion`, headers: { Authorization: `Bearer ${tokens.rs256}` } },
      ]),
    };
    expect(await probeFindings(0, alone)).toEqual([]);
    expect(await probeFindings(0, alone, ['--jwks', jwksFile])).toEqual(['probe-alg-confusion-accepted']);
  });

  it('sends nothing in a dry run, and lists at least baseline, negative control and a tampered case', async () => {
    const before = demo.requestCount();
    const result = await runProbeCli(
      ['probe', 'demo-probe.har', '--entry', '/probe/alg-none', '--dry-run'],
      files,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(demo.requestCount()).toBe(before);
    expect(result.stdout).toMatch(/\[baseline\]/);
    expect(result.stdout).toMatch(/\[negative-control\]/);
    expect(result.stdout).toMatch(/\[alg-none:nOnE\]|alg-none/);
  });
});
