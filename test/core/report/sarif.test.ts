import { describe, expect, it } from 'vitest';
import { toSarif } from '../../../src/core/report/sarif';
import { writeSarif } from '../../../src/core/report/write-sarif';
import { ACCESS, forbiddenStrings, MALFORMED, sampleResult } from './sample-result';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
    message?: { text: string };
    properties?: Record<string, string>;
  }[];
  partialFingerprints?: { jwtFingerprint: string };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}

function run(includeRaw = false) {
  const log = toSarif(sampleResult(), { includeRaw, tool: TOOL }) as {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: SarifRule[] } };
      results: SarifResult[];
    }[];
  };
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return { log, run: first, byRule: new Map(first.results.map((r) => [r.ruleId, r])) };
}

describe('toSarif', () => {
  it('writes a SARIF 2.1.0 log with one run and the tool', () => {
    const { log, run: r } = run();
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(r.tool.driver).toMatchObject({ name: 'jwt-lens', version: '0.0.0-test' });
  });

  it('describes each rule once, with why as full description and references as tags', () => {
    const { run: r } = run();
    const rules = r.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual([
      'alg-none',
      'token-in-url',
      'pii-oidc-claims',
      'fmt-malformed',
      'basic-auth-credentials',
      'iat-missing',
    ]);
    const algNone = rules[0];
    expect(algNone?.name).toBe('AlgNone');
    expect(algNone?.fullDescription.text.length).toBeGreaterThan(10);
    expect(algNone?.defaultConfiguration.level).toBe('error');
    expect(algNone?.properties.tags).toContain('CWE-347');
  });

  it('maps severities to levels and points each result at its rule', () => {
    const { run: r, byRule } = run();
    expect(Object.fromEntries(r.results.map((x) => [x.ruleId, x.level]))).toEqual({
      'alg-none': 'error',
      'token-in-url': 'error',
      'pii-oidc-claims': 'warning',
      'fmt-malformed': 'warning',
      'basic-auth-credentials': 'note',
      'iat-missing': 'note',
    });
    for (const result of r.results) expect(r.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(byRule.get('pii-oidc-claims')?.partialFingerprints).toEqual({
      jwtFingerprint: ACCESS.fingerprint,
    });
    expect(byRule.get('basic-auth-credentials')?.partialFingerprints).toBeUndefined();
  });

  it('uses the request URL, masked, as the location', () => {
    const { byRule } = run();
    const uri = byRule.get('token-in-url')?.locations?.[0]?.physicalLocation.artifactLocation.uri ?? '';
    expect(uri).toMatch(
      /^https:\/\/api\.example\.com\/export\?access_token=eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}%E2%80%A6&format=csv$/,
    );
    expect(byRule.get('pii-oidc-claims')?.locations).toHaveLength(2);
  });

  it("tells the server's verdict on each use it points at, scrubbed", () => {
    const { byRule } = run();
    const [accepted, rejected] = byRule.get('pii-oidc-claims')?.locations ?? [];
    expect(accepted?.message?.text).toBe('GET request-header Authorization: accepted (HTTP 200)');
    expect(accepted?.properties).toEqual({ verdict: 'accepted', verdictReason: 'HTTP 200' });
    expect(rejected?.message?.text).toBe('GET query access_token: rejected (HTTP 401 invalid_token)');
    expect(rejected?.properties).toMatchObject({
      verdict: 'rejected',
      wwwAuthenticateError: 'invalid_token',
    });
    expect(rejected?.properties?.wwwAuthenticateDescription).not.toContain(ACCESS.text);
    expect(byRule.get('fmt-malformed')?.locations?.[0]).not.toHaveProperty('properties');
  });

  it('points a token-list finding at file and line', () => {
    const { byRule } = run();
    expect(byRule.get('fmt-malformed')?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'tokens.txt' },
      region: { startLine: 3 },
    });
  });

  it('contains no token text, signature or PII value by default', () => {
    const text = JSON.stringify(run().log);
    for (const secret of forbiddenStrings()) expect(text, secret).not.toContain(secret);
  });

  it('keeps raw URLs with includeRaw', () => {
    const text = JSON.stringify(run(true).log);
    expect(text).toContain(ACCESS.text);
    expect(text).toContain(MALFORMED.fingerprint);
  });
});

describe('writeSarif', () => {
  const whole = (result: ReturnType<typeof sampleResult>, includeRaw: boolean) =>
    `${JSON.stringify(toSarif(result, { includeRaw, tool: TOOL }), null, 2)}\n`;
  const streamed = (result: ReturnType<typeof sampleResult>, includeRaw: boolean) => {
    const chunks: string[] = [];
    writeSarif(result, { includeRaw, tool: TOOL }, (chunk) => chunks.push(chunk));
    return chunks;
  };

  it('writes the log byte for byte as JSON.stringify of toSarif, one result per chunk', () => {
    for (const includeRaw of [false, true]) {
      const result = sampleResult();
      const chunks = streamed(result, includeRaw);
      expect(chunks.join('')).toBe(whole(result, includeRaw));
      expect(chunks.length).toBe(result.findings.length + 2);
    }
  });

  it('writes a log without results as a whole', () => {
    const result = { ...sampleResult(), findings: [] };
    expect(streamed(result, false).join('')).toBe(whole(result, false));
  });
});
