import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { createReportValidator } from '../core/report/schema-validator';
import { DEMO, fixture, runCli } from './fake-io';

/**
 * Golden test over the demo HAR: the stable part of the JSON report (which rules fire on which token)
 * must match `test/fixtures/demo.golden.json`. After an intended rule change, regenerate it with
 * `UPDATE_GOLDEN=1 npx vitest run test/cli/golden.test.ts && npx biome format --write test/fixtures/demo.golden.json`
 * and review the diff.
 */
const GOLDEN = fixture('demo.golden.json');

interface Golden {
  referenceTime: string;
  tokens: Record<
    string,
    { kind: string; purpose: string; alg: string | null; where: string[]; rules: string[] }
  >;
  exchangeRules: string[];
}

function stablePart(report: JsonReport): Golden {
  const tokens: Golden['tokens'] = {};
  for (const token of report.tokens) {
    const rules = report.findings
      .filter((f) => f.fingerprint === token.fingerprint)
      .map((f) => `${f.ruleId}:${f.severity}`);
    tokens[token.fingerprint] = {
      kind: token.kind,
      purpose: token.purpose,
      alg: token.alg,
      where: [...new Set(token.sightings.map((s) => s.where))].sort(),
      rules: rules.sort(),
    };
  }
  const exchangeRules = report.findings
    .filter((f) => f.fingerprint === '')
    .map((f) => `${f.ruleId}:${f.severity}`);
  return { referenceTime: report.referenceTime, tokens, exchangeRules: exchangeRules.sort() };
}

describe('golden: scan demo.har', () => {
  it('fires the same rules on the same tokens as the committed golden file', async () => {
    const result = await runCli(['scan', DEMO, '--format', 'json', '--now', '2025-03-14T09:30:00Z']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(createReportValidator()(report)).toEqual([]);
    const actual = stablePart(report);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
    expect(actual).toEqual(expected);
  });

  it('covers every mistake the demo session was built to show', async () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
    const fired = new Set(Object.values(golden.tokens).flatMap((t) => t.rules.map((r) => r.split(':')[0])));
    const expected = [
      'alg-none',
      'exp-expired',
      'token-in-url',
      'transport-cleartext',
      'hdr-kid-injection',
      'cookie-no-httponly',
      'cookie-samesite-weak',
      'pii-oidc-claims',
      'token-response-cacheable',
      'refresh-token-exposed',
      'token-third-party-leak',
      'hmac-weak-secret',
    ];
    expect(expected.filter((id) => !fired.has(id))).toEqual([]);
  });
});
