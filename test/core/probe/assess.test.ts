import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessProbeRun,
  PROBE_RULE,
  PROBE_RULE_IDS,
  type ProbeKind,
  type ProbeOutcome,
  type ProbeRun,
} from '../../../src/core/probe';
import { outcome, sampleRun } from './sample-run';

const TOKEN =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYS0xIn0.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLWJ5dGVzLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const URL = `https://api.example.test/orders?access_token=${TOKEN}&page=2`;
const FP = '0123456789abcdef';
const QUERY = { where: 'query' as const, name: 'access_token' };

describe('assessProbeRun', () => {
  it('one finding per rule with an accepted case, with method, masked URL and the three answers', () => {
    const { hits } = assessProbeRun(sampleRun(URL, FP, { slot: QUERY }));
    expect(hits.map((h) => h.ruleId)).toEqual(['probe-alg-none-accepted']);
    const [hit] = hits;
    expect(hit?.fingerprint).toBe(FP);
    expect(hit?.detail).toContain('accepted alg-none:nOnE');
    expect(hit?.evidence?.map((e) => [e.label, e.value])).toEqual([
      [
        'request',
        'GET https://api.example.test/orders?access_token=eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYS0xIn0.eyJzdWIi…&page=2',
      ],
      ['token in', 'query access_token'],
      ['baseline (token as captured)', 'HTTP 200, application/json, ≤ 2048 chars, keys: orders, page, total'],
      [
        'negative control (no token)',
        'HTTP 401, application/json, ≤ 64 chars, keys: error, error_description',
      ],
      [
        'probe alg-none:nOnE',
        'alg-none:nOnE change: HTTP 200, application/json, ≤ 2048 chars, keys: orders, page, total',
      ],
    ]);
    const signature = TOKEN.split('.')[2] ?? '';
    expect(JSON.stringify(hit?.detail)).not.toContain(signature);
    expect(hit?.evidence?.every((e) => !e.value.includes(signature))).toBe(true);
  });

  it('a rule passes only when every case of it was refused; inconclusive cases pass nothing', () => {
    const { passedRuleIds } = assessProbeRun(sampleRun(URL, FP));
    expect(passedRuleIds.sort()).toEqual([
      'probe-embedded-jwk-trusted',
      'probe-kid-injection-accepted',
      'probe-signature-not-verified',
    ]);
  });

  it('a server that skips the signature: one finding, the forgeries it also took folded into it', () => {
    const all = sampleRun(URL, FP).outcomes.map((o) => ({ ...o, verdict: 'accepted' as const }));
    const { hits, passedRuleIds } = assessProbeRun(sampleRun(URL, FP, { outcomes: all }));
    expect(hits.map((h) => h.ruleId)).toEqual(['probe-signature-not-verified']);
    expect(hits[0]?.detail).toContain('accepted signature-stripped, signature-corrupted, claim-tampered');
    expect(hits[0]?.detail).toContain('alg-none:none, alg-none:nOnE, embedded-jwk');
    expect(hits[0]?.evidence?.filter((e) => e.label.startsWith('probe ')).length).toBe(9);
    expect(passedRuleIds).toEqual([]);
  });

  it('re-signed cases pass only when the re-signed token for another subject was accepted', () => {
    const time = [
      outcome('expired', 'expired', 'probe-expired-accepted', 'rejected'),
      outcome('not-yet-valid', 'not-yet-valid', 'probe-nbf-ignored', 'accepted'),
    ];
    const trusted = assessProbeRun(
      sampleRun(URL, FP, {
        outcomes: [...time, outcome('wrong-subject', 'wrong-subject', undefined, 'accepted')],
      }),
    );
    expect(trusted.passedRuleIds).toEqual(['probe-expired-accepted']);
    expect(trusted.hits.map((h) => h.ruleId)).toEqual(['probe-nbf-ignored']);
    const untrusted = assessProbeRun(
      sampleRun(URL, FP, {
        outcomes: [...time, outcome('wrong-subject', 'wrong-subject', undefined, 'rejected')],
      }),
    );
    expect(untrusted.passedRuleIds).toEqual([]);
    expect(untrusted.hits.map((h) => h.ruleId)).toEqual(['probe-nbf-ignored']);
  });

  it('a stopped run gives neither findings nor passes', () => {
    for (const stopped of ['baseline not accepted', 'endpoint does not require this token'] as const)
      expect(assessProbeRun(sampleRun(URL, FP, { stopped }))).toEqual({ hits: [], passedRuleIds: [] });
  });
});

describe('assessProbeRun on arbitrary runs (property)', () => {
  const kinds = Object.keys(PROBE_RULE) as ProbeKind[];
  const anyOutcome = fc
    .record({
      kind: fc.constantFrom(...kinds, 'wrong-subject' as const),
      verdict: fc.constantFrom('accepted', 'rejected', 'inconclusive'),
    })
    .map(({ kind, verdict }) => outcome(kind, kind, PROBE_RULE[kind], verdict as ProbeOutcome['verdict']));

  it('never throws, raises only probe rules, and never both fails and passes a rule', () => {
    fc.assert(
      fc.property(fc.array(anyOutcome, { maxLength: 30 }), (outcomes) => {
        const { hits, passedRuleIds } = assessProbeRun(sampleRun(URL, FP, { outcomes }));
        for (const hit of hits) expect(PROBE_RULE_IDS).toContain(hit.ruleId);
        const failed = new Set(hits.map((h) => h.ruleId));
        for (const id of passedRuleIds) expect(failed.has(id)).toBe(false);
        expect(new Set(hits.map((h) => h.ruleId)).size).toBe(hits.length);
      }),
      { numRuns: 500 },
    );
    expect(assessProbeRun({} as ProbeRun)).toEqual({ hits: [], passedRuleIds: [] });
    expect(assessProbeRun({ ...sampleRun(URL, FP), slot: undefined } as unknown as ProbeRun)).toEqual({
      hits: [],
      passedRuleIds: [],
    });
  });
});
