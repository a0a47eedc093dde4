import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RULE_IDS, type Severity } from '../../src/core';
import { loadCorpus } from './corpus-files';
import { FIXED_NOW, judgeFlow, judgeFlowReport, matches, type ReportToken, referenceTime } from './judge';
import { runCorpus } from './run-corpus';
import { describeMistake, failuresOf, formatMistakes, formatScore, scoreCases } from './score';

const none = { required: [], allowed: [], forbidden: [] };
/** Rules fired at `low`, or at the severity given after a colon (`rule:high`). */
const firing = (...rules: string[]): Map<string, Severity> =>
  new Map(
    rules.map((rule) => {
      const [id = '', severity = 'low'] = rule.split(':');
      return [id, severity as Severity];
    }),
  );

describe('corpus scoring', () => {
  test('counts TP, FP and FN per family; allowed counts neither way; forbidden is a false positive too', () => {
    const score = scoreCases([
      {
        id: 'a',
        expectation: {
          required: ['hmac-symmetric', 'exp-missing'],
          allowed: ['typ-not-explicit'],
          forbidden: ['secret-in-payload'],
        },
        fired: firing('hmac-symmetric', 'typ-not-explicit', 'secret-in-payload:critical', 'aud-missing'),
      },
    ]);
    const by = Object.fromEntries(score.families.map((f) => [f.family, f]));
    expect(by.algorithm).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 });
    expect(by.lifetime).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 });
    expect(by.secrets).toMatchObject({ tp: 0, fp: 1, precision: 0 });
    expect(by.claims).toMatchObject({ fp: 1 });
    expect(by.header).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(score.forbidden).toEqual([{ id: 'a', rule: 'secret-in-payload', severity: 'critical' }]);
    expect(score.falseNegatives).toEqual([{ id: 'a', rule: 'exp-missing' }]);
    const failures = failuresOf(score);
    expect(failures).toContain('lifetime: recall 0.000 is below 0.98');
    expect(failures).toContain('forbidden finding: secret-in-payload (critical) on a');
    expect(failures.some((line) => line.startsWith('header'))).toBe(false);
    expect(formatScore(score)).toMatch(/\| algorithm +\| +1 \| +0 \| +0 \| +1\.000 \| +1\.000 \|/);
    expect(formatMistakes(score)).toContain('secret-in-payload ×1: a');
  });

  test('a rule with no family fails the score', () => {
    const score = scoreCases([{ id: 'x', expectation: none, fired: firing('no-such-rule') }]);
    expect(failuresOf(score)).toEqual(['rule no-such-rule has no family in test/corpus/families.ts']);
  });

  test('maxSeverity: a rule at or below its cap passes; above it, it is a forbidden finding (a false positive, even when required)', () => {
    const expectation = {
      required: ['basic-auth-credentials'],
      allowed: ['transport-cleartext'],
      forbidden: [],
      maxSeverity: { 'basic-auth-credentials': 'medium', 'transport-cleartext': 'low' } as const,
    };
    const atCap = scoreCases([
      { id: 'ok', expectation, fired: firing('basic-auth-credentials:medium', 'transport-cleartext:info') },
    ]);
    expect(failuresOf(atCap, 1)).toEqual([]);
    const above = scoreCases([
      { id: 'x', expectation, fired: firing('basic-auth-credentials:high', 'transport-cleartext:medium') },
    ]);
    expect(above.forbidden).toEqual([
      { id: 'x', rule: 'basic-auth-credentials', severity: 'high', cap: 'medium' },
      { id: 'x', rule: 'transport-cleartext', severity: 'medium', cap: 'low' },
    ]);
    expect(above.falsePositives).toEqual(above.forbidden);
    expect(above.falseNegatives).toEqual([]);
    const by = Object.fromEntries(above.families.map((f) => [f.family, f]));
    expect(by.secrets).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(by.transport).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(failuresOf(above)).toContain(
      'forbidden finding: transport-cleartext (medium, above its cap low) on x',
    );
    expect(formatMistakes(above)).toContain('transport-cleartext (medium, above its cap low) ×1: x');
    expect(formatMistakes(above)).not.toContain('Other false positives');
  });

  test('a mistake names its rule, the severity it fired at and the case', () => {
    expect(describeMistake({ id: 'c', rule: 'jti-missing' })).toBe('jti-missing on c');
    expect(describeMistake({ id: 'c', rule: 'jti-missing', severity: 'low' })).toBe('jti-missing (low) on c');
    expect(describeMistake({ id: 'c', rule: 'jti-missing', severity: 'low', cap: 'info' })).toBe(
      'jti-missing (low, above its cap info) on c',
    );
  });

  test('the reference time defaults to iat + 60 s, else exp − 60 s, else the fixed time', () => {
    const jwt = (claims: object) =>
      `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(referenceTime({ token: jwt({ iat: 1_000_000_000, exp: 2_000_000_000 }) })).toBe(
      '2001-09-09T01:47:40.000Z',
    );
    expect(referenceTime({ token: jwt({ exp: 1_000_000_060 }) })).toBe('2001-09-09T01:46:40.000Z');
    expect(referenceTime({ token: 'not a token' })).toBe(FIXED_NOW);
    expect(referenceTime({ token: jwt({ iat: 1 }), now: '2024-01-01T00:00:00Z' })).toBe(
      '2024-01-01T00:00:00Z',
    );
  });
});

describe('flow selectors', () => {
  const token = (over: Partial<ReportToken>): ReportToken => ({
    fingerprint: 'f1',
    kind: 'jws',
    purpose: 'access',
    iss: 'http://127.0.0.1:3000',
    sightings: [
      { where: 'request-header', name: 'authorization' },
      { where: 'response-body', name: 'access_token' },
    ],
    ...over,
  });

  test('match by purpose, kind, issuer, and where with name on one sighting', () => {
    expect(matches(token({}), { purpose: 'access', where: 'request-header', name: 'Authorization' })).toBe(
      true,
    );
    expect(matches(token({}), { where: 'request-header', name: 'access_token' })).toBe(false);
    expect(matches(token({}), { purpose: 'id' })).toBe(false);
    expect(matches(token({}), { issuer: 'http://127.0.0.1:3000', kind: 'jws' })).toBe(true);
  });

  test('issuer selects iss exactly or up to a port or path, never a longer host', () => {
    expect(matches(token({}), { issuer: 'http://127.0.0.1' })).toBe(true);
    expect(matches(token({ iss: 'http://127.0.0.1/tenant' }), { issuer: 'http://127.0.0.1' })).toBe(true);
    expect(matches(token({ iss: 'http://127.0.0.10:3000' }), { issuer: 'http://127.0.0.1' })).toBe(false);
    expect(matches(token({ iss: null }), { issuer: 'http://127.0.0.1' })).toBe(false);
  });

  test('several matching selectors: the union of their lists, forbidden wins over allowed, the lowest cap wins; a rule fires at its most severe', () => {
    const report = {
      tokens: [token({})],
      findings: [
        { ruleId: 'transport-cleartext', severity: 'info' as const, fingerprint: 'f1' },
        { ruleId: 'transport-cleartext', severity: 'low' as const, fingerprint: 'f1' },
        { ruleId: 'pii-oidc-claims', severity: 'medium' as const, fingerprint: 'f1' },
      ],
    };
    const flow = (capOfSecond: Severity) => ({
      source: { title: 't', url: 'u', licence: 'l' },
      tokens: [
        {
          select: { purpose: 'access' },
          required: [],
          allowed: ['transport-cleartext', 'pii-oidc-claims'],
          forbidden: [],
          maxSeverity: { 'transport-cleartext': 'medium' as const },
          why: 'w',
        },
        {
          select: { kind: 'jws' },
          required: [],
          allowed: [],
          forbidden: ['pii-oidc-claims'],
          maxSeverity: { 'transport-cleartext': capOfSecond },
          why: 'w',
        },
      ],
      exchange: none,
      others: 'forbid' as const,
    });
    const low = judgeFlowReport(report, flow('low'), 'flow');
    expect(low.errors).toEqual([]);
    expect(low.judged[0]?.fired.get('transport-cleartext')).toBe('low');
    expect(low.judged[0]?.expectation.maxSeverity).toEqual({ 'transport-cleartext': 'low' });
    expect(scoreCases(low.judged).forbidden.map(describeMistake)).toEqual([
      `pii-oidc-claims (medium) on ${low.judged[0]?.id}`,
    ]);
    const info = scoreCases(judgeFlowReport(report, flow('info'), 'flow').judged);
    expect(info.forbidden.map((m) => [m.rule, m.cap])).toEqual([
      ['transport-cleartext', 'info'],
      ['pii-oidc-claims', undefined],
    ]);
  });

  test('unmatched tokens are judged with no expectation under "forbid", skipped under "ignore"; unused selectors are errors', () => {
    const report = {
      tokens: [token({}), token({ fingerprint: 'f2', purpose: 'refresh', kind: 'opaque' })],
      findings: [
        { ruleId: 'jti-missing', severity: 'low' as const, fingerprint: 'f1' },
        { ruleId: 'refresh-token-exposed', severity: 'medium' as const, fingerprint: 'f2' },
        { ruleId: 'basic-auth-credentials', severity: 'medium' as const, fingerprint: '' },
      ],
    };
    const expect1 = {
      source: { title: 't', url: 'u', licence: 'l' },
      tokens: [
        { select: { purpose: 'access' }, required: ['jti-missing'], allowed: [], forbidden: [], why: 'w' },
        { select: { purpose: 'id' }, required: [], allowed: [], forbidden: [], why: 'w' },
      ],
      exchange: { required: ['basic-auth-credentials'], allowed: [], forbidden: [] },
      others: 'forbid' as const,
    };
    const forbid = judgeFlowReport(report, expect1, 'flow');
    expect(forbid.errors).toEqual(['flow: tokens[1] select {"purpose":"id"} matches no token']);
    expect(forbid.judged.map((j) => [j.id.split(' ')[0], [...j.fired.keys()]])).toEqual([
      ['flow/access', ['jti-missing']],
      ['flow/refresh', ['refresh-token-exposed']],
      ['flow/exchange', ['basic-auth-credentials']],
    ]);
    const score = scoreCases(forbid.judged);
    expect(score.falsePositives.map((m) => m.rule)).toEqual(['refresh-token-exposed']);
    const ignore = judgeFlowReport(report, { ...expect1, others: 'ignore' }, 'flow');
    expect(ignore.judged).toHaveLength(2);
  });
});

describe('corpus files', () => {
  test('a bad file fails with a precise message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'tokens'));
    mkdirSync(join(dir, 'flows'));
    const source = { title: 'T', repository: 'owner/name', path: 'x', licence: 'MIT' };
    const token = {
      id: 'dup',
      token: 'a.b.c',
      required: ['no-such-rule'],
      allowed: [],
      forbidden: [],
      why: 'w',
    };
    writeFileSync(join(dir, 'tokens', 'a.json'), JSON.stringify({ source, tokens: [token] }));
    writeFileSync(
      join(dir, 'tokens', 'b.json'),
      JSON.stringify({
        source: { title: 'T', url: 'u', licence: 'MIT' },
        tokens: [
          { ...token, required: ['hmac-symmetric'], forbiden: [] },
          {
            id: 'dup',
            token: 'a.b.c',
            required: ['hmac-symmetric'],
            forbidden: ['hmac-symmetric'],
            why: 'w',
          },
        ],
      }),
    );
    writeFileSync(join(dir, 'tokens', 'c.json'), '{ not json');
    writeFileSync(
      join(dir, 'flows', 'f.expect.json'),
      JSON.stringify({ source: { title: 'F', url: 'u', licence: 'l' }, tokens: [], others: 'x' }),
    );
    const { errors, tokens } = loadCorpus(RULE_IDS, dir);
    expect(errors).toEqual([
      `${dir}/tokens/a.json: source.commit (40 hex digits) is required with a repository`,
      `${dir}/tokens/b.json: tokens[0] (dup): unknown field "forbiden"`,
      `${dir}/tokens/b.json: tokens[1] (dup): hmac-symmetric in both "required" and "forbidden"`,
      expect.stringMatching(/c\.json: not valid JSON/),
      `${dir}/flows/f.expect.json: no capture ${dir}/flows/f.har beside it (nor a source.generatedBy)`,
      `${dir}/flows/f.expect.json: "others" must be "forbid" or "ignore"`,
    ]);
    expect(tokens).toEqual([]);
  });

  test('unknown rule ids and duplicate ids are reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'tokens'));
    const source = { title: 'T', url: 'u', licence: 'MIT' };
    const entry = {
      id: 'one',
      token: 'a.b.c',
      required: [],
      allowed: ['typo-rule'],
      forbidden: [],
      why: 'w',
    };
    writeFileSync(
      join(dir, 'tokens', 'a.json'),
      JSON.stringify({ source, tokens: [{ ...entry, allowed: [] }] }),
    );
    writeFileSync(
      join(dir, 'tokens', 'b.json'),
      JSON.stringify({
        source,
        tokens: [
          { ...entry, allowed: [] },
          { ...entry, id: 'two' },
        ],
      }),
    );
    const { errors } = loadCorpus(RULE_IDS, dir);
    expect(errors).toEqual([
      `${dir}/tokens/b.json: tokens[1] (two): "allowed" names "typo-rule", which is not a rule id of the catalog`,
      `${dir}/tokens/b.json: token id "one" is also used in ${dir}/tokens/a.json`,
    ]);
  });
});

describe('maxSeverity in corpus files', () => {
  test('token entries, flow selectors and exchange may cap rules with known ids and severities', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'tokens'));
    mkdirSync(join(dir, 'flows'));
    const source = { title: 'T', url: 'u', licence: 'MIT' };
    const entry = { id: 'one', token: 'a.b.c', required: [], allowed: ['alg-rsa-pkcs1v15'], why: 'w' };
    writeFileSync(
      join(dir, 'tokens', 'a.json'),
      JSON.stringify({
        source,
        tokens: [
          { ...entry, maxSeverity: { 'alg-rsa-pkcs1v15': 'info' } },
          {
            ...entry,
            id: 'two',
            forbidden: ['jti-missing'],
            maxSeverity: { 'no-such-rule': 'low', 'alg-rsa-pkcs1v15': 'severe', 'jti-missing': 'low' },
          },
          { ...entry, id: 'three', maxSeverity: ['alg-rsa-pkcs1v15'] },
        ],
      }),
    );
    writeFileSync(join(dir, 'flows', 'f.har'), '{}');
    writeFileSync(
      join(dir, 'flows', 'f.expect.json'),
      JSON.stringify({
        source,
        tokens: [{ select: {}, ...none, maxSeverity: { 'transport-cleartext': 'low' }, why: 'w' }],
        exchange: { ...none, maxSeverity: { 'basic-auth-credentials': 'medium' } },
        others: 'forbid',
      }),
    );
    const { errors, tokens, flows } = loadCorpus(RULE_IDS, dir);
    expect(errors).toEqual([
      `${dir}/tokens/a.json: tokens[1] (two): "maxSeverity" names "no-such-rule", which is not a rule id of the catalog`,
      `${dir}/tokens/a.json: tokens[1] (two): maxSeverity.alg-rsa-pkcs1v15 must be one of critical, high, medium, low, info`,
      `${dir}/tokens/a.json: tokens[1] (two): "maxSeverity" caps jti-missing, which is forbidden`,
      `${dir}/tokens/a.json: tokens[2] (three): "maxSeverity" must be an object of rule id → severity`,
    ]);
    expect(tokens.map((t) => [t.id, t.maxSeverity])).toEqual([['one', { 'alg-rsa-pkcs1v15': 'info' }]]);
    expect(flows[0]?.tokens[0]?.maxSeverity).toEqual({ 'transport-cleartext': 'low' });
    expect(flows[0]?.exchange.maxSeverity).toEqual({ 'basic-auth-credentials': 'medium' });
  });
});

describe('generated flows', () => {
  const generated = (generatedBy?: unknown) =>
    JSON.stringify({
      source: { title: 'G', url: 'u', licence: 'MIT', ...(generatedBy === undefined ? {} : { generatedBy }) },
      tokens: [],
      exchange: none,
      others: 'forbid',
    });

  test('a flow generated by a test needs no HAR beside it and is counted, not scanned, by the corpus run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'flows'));
    writeFileSync(join(dir, 'flows', 'gen.expect.json'), generated('test/e2e/oidc-provider.test.ts'));
    const corpus = loadCorpus(RULE_IDS, dir);
    expect(corpus.errors).toEqual([]);
    expect(corpus.flows).toEqual([]);
    expect(corpus.generated.map((f) => [f.name, f.generatedBy])).toEqual([
      ['gen', 'test/e2e/oidc-provider.test.ts'],
    ]);
    const run = await runCorpus(dir);
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({
      flows: 0,
      generated: [{ name: 'gen', by: 'test/e2e/oidc-provider.test.ts' }],
    });
    expect(run.score.cases).toBe(0);
  });

  test('a flow with neither a HAR nor generatedBy is an error, as are a HAR beside a generated flow and a generatedBy that names no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'flows'));
    mkdirSync(join(dir, 'tokens'));
    writeFileSync(join(dir, 'flows', 'a.expect.json'), generated());
    writeFileSync(join(dir, 'flows', 'b.expect.json'), generated('test/e2e/oidc-provider.test.ts'));
    writeFileSync(join(dir, 'flows', 'b.har'), '{}');
    writeFileSync(join(dir, 'flows', 'c.expect.json'), generated('test/e2e/no-such.test.ts'));
    writeFileSync(
      join(dir, 'tokens', 't.json'),
      JSON.stringify({
        source: { title: 'T', url: 'u', licence: 'MIT', generatedBy: 'test/e2e/oidc-provider.test.ts' },
        tokens: [{ id: 'x', token: 'a.b.c', why: 'w' }],
      }),
    );
    const corpus = loadCorpus(RULE_IDS, dir);
    expect(corpus.errors).toEqual([
      `${dir}/tokens/t.json: source.generatedBy is for flows only`,
      `${dir}/flows/a.expect.json: no capture ${dir}/flows/a.har beside it (nor a source.generatedBy)`,
      `${dir}/flows/b.expect.json: source.generatedBy says the flow is generated, but ${dir}/flows/b.har is committed beside it`,
      `${dir}/flows/c.expect.json: source.generatedBy must be the path of the test that records the flow`,
    ]);
    expect([...corpus.flows, ...corpus.generated]).toEqual([]);
  });

  test('a misspelt field in a flow file, a selector entry or its exchange is an error, not silently ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'flows'));
    mkdirSync(join(dir, 'tokens'));
    const flow = JSON.parse(generated('test/e2e/oidc-provider.test.ts'));
    flow.note = 'x';
    flow.exchange = { required: [], maxSevrity: {} };
    flow.tokens = [{ select: { kind: 'jws' }, required: [], why: 'w', forbiden: ['alg-none'] }];
    writeFileSync(join(dir, 'flows', 'a.expect.json'), JSON.stringify(flow));
    expect(loadCorpus(RULE_IDS, dir).errors).toEqual([
      `${dir}/flows/a.expect.json: unknown field "note"`,
      `${dir}/flows/a.expect.json: exchange: unknown field "maxSevrity"`,
      `${dir}/flows/a.expect.json: tokens[0]: unknown field "forbiden"`,
    ]);
  });

  test('the committed corpus loads without error; the oidc-provider flow is generated by its e2e test', () => {
    const corpus = loadCorpus(RULE_IDS);
    expect(corpus.errors).toEqual([]);
    expect(corpus.generated.map((f) => [f.name, f.generatedBy])).toEqual([
      ['oidc-provider', 'test/e2e/oidc-provider.test.ts'],
    ]);
  });
});

describe('flows through the CLI', () => {
  test('a HAR beside its expectations is scanned with the CLI and judged by selectors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'flows'));
    copyFileSync('test/fixtures/demo.har', join(dir, 'flows', 'demo.har'));
    const all = { required: [], allowed: [...RULE_IDS], forbidden: [] };
    writeFileSync(
      join(dir, 'flows', 'demo.expect.json'),
      JSON.stringify({
        source: { title: 'demo', url: 'https://example.invalid/', licence: 'MIT' },
        now: '2025-03-14T09:30:00Z',
        tokens: [
          { select: {}, ...all, why: 'every token' },
          { select: { purpose: 'no-such-purpose' }, ...all, why: 'matches nothing' },
        ],
        exchange: all,
        others: 'forbid',
      }),
    );
    const corpus = loadCorpus(RULE_IDS, dir);
    expect(corpus.errors).toEqual([]);
    const [flow] = corpus.flows;
    if (!flow) throw new Error('no flow loaded');
    const { judged, errors } = await judgeFlow(flow);
    expect(errors).toEqual(['demo: tokens[1] select {"purpose":"no-such-purpose"} matches no token']);
    expect(judged.length).toBeGreaterThan(2);
    expect(judged.at(-1)?.id).toBe('demo/exchange');
    expect(judged.some((j) => j.fired.size > 0)).toBe(true);
    expect(scoreCases(judged).falsePositives).toEqual([]);
  });
});
