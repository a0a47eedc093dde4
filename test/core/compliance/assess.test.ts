import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessCompliance,
  type ComplianceReport,
  type FrameworkId,
  policyDigest,
} from '../../../src/core/compliance';
import { canonicalJson } from '../../../src/core/compliance/scope';
import { sha256, toHex } from '../../../src/core/crypto/sha256';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { RULE_IDS } from '../../../src/core/rules/catalog';
import type { AuditResult } from '../../../src/core/types';
import { audit, bearer, jwt, setCookie } from './capture';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };

function assess(result: AuditResult, frameworks?: FrameworkId[]): ComplianceReport {
  return assessCompliance(result, {
    tool: TOOL,
    inputs: ['capture.har'],
    ...(frameworks ? { frameworks } : {}),
  });
}

function control(report: ComplianceReport, framework: FrameworkId, id: string) {
  const found = report.frameworks
    .find((f) => f.framework.id === framework)
    ?.controls.find((c) => c.control === id);
  if (!found) throw new Error(`no ${framework} ${id} in the report`);
  return found;
}

describe('assessCompliance: transport controls', () => {
  const https = audit([bearer(jwt()), bearer(jwt(), 'https://files.example.com/x'), bearer(jwt({ n: 1 }))]);

  it('passes transport controls on an HTTPS-only capture, saying what was checked', () => {
    const report = assess(https);
    const tls = control(report, 'asvs', 'v5.0.0-12.2.1');
    expect(tls.status).toBe('pass');
    expect(tls.evidence).toBe(
      '3 token sightings in 3 requests on 2 hosts, all over HTTPS: no finding against it.',
    );
    expect(tls.counts).toEqual({ tokens: 2, sightings: 3, requests: 3, hosts: 2 });
    expect(tls.ruleIds).toContain('transport-cleartext');
    for (const [fw, id] of [
      ['nist-800-53', 'SC-8'],
      ['hipaa', '164.312(e)(1)'],
      ['soc2', 'CC6.7'],
    ] as const)
      expect(control(report, fw, id).status).toBe('pass');
  });

  it('fails them when a token travels over http, listing the finding', () => {
    const result = audit([bearer(jwt()), bearer(jwt({ n: 2 }), 'http://api.example.com/v1/me')]);
    const report = assess(result);
    const tls = control(report, 'asvs', 'v5.0.0-12.2.1');
    expect(tls.status).toBe('fail');
    const finding = result.findings.find((f) => f.ruleId === 'transport-cleartext');
    expect(tls.findings).toContainEqual({
      ruleId: 'transport-cleartext',
      fingerprint: finding?.fingerprint,
      severity: 'high',
    });
    expect(tls.evidence).toMatch(
      /^1 finding \(transport-cleartext\) on 1 token; checked: 2 token sightings .*1 of them unencrypted/,
    );
    expect(control(report, 'hipaa', '164.312(e)(1)').status).toBe('fail');
    // A partial mapping never fails a control: PCI 4.2.1 needs to know whether the flow carries PAN.
    expect(control(report, 'pci-dss', '4.2.1').status).toBe('partial');
    expect(control(report, 'pci-dss', '4.2.1').findings.map((f) => f.ruleId)).toEqual([
      'transport-cleartext',
    ]);
  });

  it('does not fail on cleartext that stayed on a loopback host (it never left the machine)', () => {
    const result = audit([bearer(jwt(), 'http://localhost:3000/api')]);
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toContainEqual(['transport-cleartext', 'low']);
    const tls = control(assess(result), 'asvs', 'v5.0.0-12.2.1');
    expect(tls.status).toBe('pass');
    expect(tls.evidence).toBe(
      '1 token sighting in 1 request on 1 host, 1 of them unencrypted (http/ws), on loopback hosts only: no finding against it.',
    );
  });

  it('does not fail on a finding the policy ignores', () => {
    const ignore = [{ ruleId: 'transport-cleartext', reason: 'lab' }];
    const result = audit([bearer(jwt(), 'http://api.example.com/v1/me')], { ignore });
    expect(control(assess(result), 'asvs', 'v5.0.0-12.2.1').status).toBe('pass');
  });
});

describe('assessCompliance: verifier controls fail only on what a server accepted', () => {
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${jwt().split('.')[1]}.`;

  it('leaves ASVS 9.1.2 partial for an unsigned token the server refused', () => {
    const result = audit([bearer(unsigned, 'https://api.example.com/v1/me', { status: 401 })]);
    expect(result.findings.map((f) => f.ruleId)).toContain('alg-none');
    const allowlist = control(assess(result), 'asvs', 'v5.0.0-9.1.2');
    expect(allowlist.status).toBe('partial');
    expect(allowlist.findings.map((f) => f.ruleId)).toEqual(['alg-none']);
  });

  it('fails it when the server answered the unsigned token with success', () => {
    const result = audit([bearer(unsigned, 'https://api.example.com/v1/me', { status: 200 })]);
    const allowlist = control(assess(result), 'asvs', 'v5.0.0-9.1.2');
    expect(allowlist.status).toBe('fail');
    expect(allowlist.findings.map((f) => f.ruleId)).toEqual(['alg-none-accepted']);
    expect(control(assess(result), 'pci-dss', '8.3.1').status).toBe('fail');
  });
});

describe('assessCompliance: controls whose rules this build lacks', () => {
  it('says no check speaks to them until their rules are in the catalog, then what the capture lacks', () => {
    const logout = control(assess(audit([bearer(jwt())])), 'nist-800-53', 'SC-23(1)');
    expect(logout.status).toBe('not-observed');
    if (RULE_IDS.includes('token-accepted-after-logout')) {
      expect(logout.ruleIds).toEqual(['token-accepted-after-logout']);
      expect(logout.evidence).toBe('Nothing to check: no logout or revocation in the capture.');
    } else {
      expect(logout.ruleIds).toEqual([]);
      expect(logout.evidence).toBe('No check of this JWT Lens version gives evidence for it.');
    }
  });
});

describe('assessCompliance: cookies, partial, not observed', () => {
  it('leaves cookie controls not observed when no token cookie was seen', () => {
    const cookie = control(assess(audit([bearer(jwt())])), 'asvs', 'v5.0.0-3.3.4');
    expect(cookie.status).toBe('not-observed');
    expect(cookie.evidence).toBe(
      'Nothing to check: no token cookie with recorded attributes in the capture.',
    );
    expect(cookie.counts.tokens).toBe(0);
  });

  it('passes and fails cookie controls on the attributes seen', () => {
    const good = { httpOnly: true, secure: true, sameSite: 'strict', prefix: '__Host-' as const, path: '/' };
    const report = assess(audit([setCookie(jwt(), good)]));
    expect(control(report, 'asvs', 'v5.0.0-3.3.4').status).toBe('pass');
    expect(control(report, 'nist-800-63b', '§5.1.1').evidence).toBe(
      '1 token cookie with recorded attributes on 1 host: no finding against it.',
    );
    const bad = assess(audit([setCookie(jwt(), { ...good, httpOnly: false })]));
    expect(control(bad, 'asvs', 'v5.0.0-3.3.4').status).toBe('fail');
    expect(control(bad, 'asvs', 'v5.0.0-3.3.1').status).toBe('pass');
  });

  it('reports partial controls with what was seen and what is still needed', () => {
    const sig = control(assess(audit([bearer(jwt())])), 'asvs', 'v5.0.0-9.1.1');
    expect(sig.status).toBe('partial');
    expect(sig.evidence).toBe(
      'Seen: 1 JWS token (ES256); 1 token presentation the server answered (1 with success) on 1 host.',
    );
    expect(sig.note).toMatch(/^the verifier’s configuration or a probe/);
  });

  it('counts the tokens without exp, and leaves transport unobserved for tokens that never travelled', () => {
    const noExp = `${jwt().split('.')[0]}.${Buffer.from('{"sub":"a"}').toString('base64url')}.${jwt().split('.')[2]}`;
    const pasted = { where: 'input' as const, url: '', scheme: '', name: 'tokens.txt:1' };
    const report = assess(
      audit([bearer(jwt({}, 7200), '', pasted), bearer(noExp, '', { ...pasted, name: 'tokens.txt:2' })]),
    );
    expect(control(report, 'asvs', 'v5.0.0-7.3.2').evidence).toMatch(
      /^Seen: 2 tokens with readable claims; 1 of them expires; the longest lives 2 h; \d findings? \(.*exp-missing/,
    );
    expect(control(report, 'asvs', 'v5.0.0-12.2.1')).toMatchObject({
      status: 'not-observed',
      evidence: 'Nothing to check: no token sent over the network in the capture.',
    });
  });

  it('says how long tokens live, and puts PCI PAN controls on card numbers only', () => {
    const report = assess(audit([bearer(jwt({ contact: 'alice@example.org' }))]));
    expect(control(report, 'asvs', 'v5.0.0-7.3.2').evidence).toBe(
      'Seen: 1 token with readable claims; it expires; the longest lives 15 min.',
    );
    expect(control(report, 'pci-dss', '3.5.1').findings).toEqual([]);
    expect(control(report, 'gdpr', 'Art. 5(1)(c)').findings.map((f) => f.ruleId)).toContain(
      'pii-value-pattern',
    );
    const card = assess(audit([bearer(jwt({ card: '4111111111111111' }))]));
    expect(control(card, 'pci-dss', '3.5.1').findings.map((f) => f.ruleId)).toEqual(['pii-value-pattern']);
  });
});

describe('assessCompliance: policy, scope and digest', () => {
  const long = jwt({}, 13 * 3600);

  it('applies the AAL limit of the policy and puts the other AAL sections out of scope', () => {
    const aal3 = assess(audit([bearer(long)], { compliance: { outOfScope: [], nistAal: 3 } }));
    expect(control(aal3, 'nist-800-63b', '§2.3.3').findings.map((f) => f.ruleId)).toEqual([
      'lifetime-excessive',
    ]);
    expect(control(aal3, 'nist-800-63b', '§2.2.3').status).toBe('out-of-scope');
    const aal2 = assess(audit([bearer(long)]));
    expect(control(aal2, 'nist-800-63b', '§2.2.3').status).toBe('partial');
    expect(control(aal2, 'nist-800-63b', '§2.2.3').findings).toEqual([]);
    expect(control(aal2, 'nist-800-63b', '§2.3.3').note).toMatch(/AAL2/);
  });

  it('marks controls out of scope with the policy’s reason', () => {
    const outOfScope = [
      { framework: 'soc2' as const, control: 'CC6.7', reason: 'covered by the TLS report' },
    ];
    const report = assess(
      audit([bearer(jwt(), 'http://api.example.com/')], { compliance: { outOfScope, nistAal: 2 } }),
    );
    const cc67 = control(report, 'soc2', 'CC6.7');
    expect(cc67).toMatchObject({ status: 'out-of-scope', note: 'covered by the TLS report', findings: [] });
    expect(report.frameworks.find((f) => f.framework.id === 'soc2')?.summary['out-of-scope']).toBe(1);
  });

  it('reports the selected frameworks: the option, else the policy’s, else all', () => {
    const result = audit([bearer(jwt())], {
      compliance: { frameworks: ['gdpr', 'asvs'], outOfScope: [], nistAal: 2 },
    });
    expect(assess(result).frameworks.map((f) => f.framework.id)).toEqual(['gdpr', 'asvs']);
    expect(assess(result, ['hipaa']).frameworks.map((f) => f.framework.id)).toEqual(['hipaa']);
    expect(assess(audit([bearer(jwt())])).frameworks).toHaveLength(8);
  });

  it('states the scope: inputs, time range, hosts, counts, tool and policy digest', () => {
    const result = audit([bearer(jwt()), bearer(jwt(), 'https://files.example.com/x')]);
    const { scope } = assess(result);
    expect(scope).toMatchObject({
      inputs: ['capture.har'],
      hosts: ['api.example.com', 'files.example.com'],
      tokens: 1,
      sightings: 2,
      requests: 2,
      tool: TOOL,
      timeRange: { start: '2025-03-14T09:00:00.000Z', end: '2025-03-14T09:00:00.000Z' },
    });
    expect(scope.policyDigest).toBe(toHex(sha256(new TextEncoder().encode(canonicalJson(result.policy)))));
    expect(scope.policyDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('counts token-list lines as sightings, not requests', () => {
    const line = bearer(jwt(), '', {
      where: 'input',
      name: 'tokens.txt:1',
      method: '',
      status: 0,
      scheme: '',
    });
    const { scope } = assess(audit([line, bearer(jwt())]));
    expect(scope).toMatchObject({ sightings: 2, requests: 1, hosts: ['api.example.com'] });
  });

  it('digests the policy canonically: key order does not matter, content does', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_POLICY).reverse());
    expect(policyDigest(reordered)).toBe(policyDigest(DEFAULT_POLICY));
    expect(policyDigest({ ...DEFAULT_POLICY, refreshMaxLifetime: 1 })).not.toBe(policyDigest(DEFAULT_POLICY));
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":null,"d":1}]}');
  });
});

describe('assessCompliance on arbitrary captures', () => {
  it('never throws, and every control gets one of the five statuses with its counts', () => {
    const sighting = fc.record({
      token: fc.oneof(
        fc.constant(jwt()),
        fc.constant(jwt({ card: '4111111111111111' }, 40 * 86400)),
        fc.string(),
      ),
      url: fc.oneof(
        fc.constantFrom('https://a.example/x', 'http://b.example/', 'wss://c.example', ''),
        fc.string(),
      ),
      where: fc.constantFrom('request-header', 'set-cookie', 'query', 'storage', 'response-body' as const),
      status: fc.integer({ min: 0, max: 599 }),
    });
    fc.assert(
      fc.property(fc.array(sighting, { maxLength: 6 }), (items) => {
        const result = audit(
          items.map((s) =>
            bearer(s.token, s.url, {
              where: s.where,
              status: s.status,
              ...(s.where === 'set-cookie' ? { cookie: { httpOnly: false, secure: true } } : {}),
            }),
          ),
        );
        const report = assess(result);
        for (const framework of report.frameworks)
          for (const c of framework.controls) {
            expect(['pass', 'fail', 'not-observed', 'partial', 'out-of-scope']).toContain(c.status);
            expect(c.evidence.length).toBeGreaterThan(0);
            if (c.status === 'fail') expect(c.findings.length).toBeGreaterThan(0);
            if (c.status === 'not-observed') expect(c.findings).toEqual([]);
          }
      }),
      { numRuns: 60 },
    );
  });
});
