import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessCompliance } from '../../../src/core/compliance/assess';
import { canonicalJson } from '../../../src/core/compliance/scope';
import { htmlReport } from '../../../src/core/report/html';
import { reportDigest } from '../../../src/core/report/html/digest';
import { REPORT_CSS } from '../../../src/core/report/html/styles';
import type { AuditResult } from '../../../src/core/types';
import { sampleCompliance } from './sample-compliance';
import { ACCESS, forbiddenStrings, MALFORMED, SECRETS, sampleResult, UNSECURED } from './sample-result';

const OPTS = {
  includeRaw: false,
  tool: { name: 'jwt-lens', version: '0.0.0-test' },
  generatedAt: '2025-03-14T10:00:00Z',
  inputs: ['capture.har'],
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const mainOf = (html: string) =>
  html.slice(html.indexOf('<main'), html.indexOf('</main>') + '</main>'.length);
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('htmlReport: structure', () => {
  const html = htmlReport(sampleResult(), sampleCompliance(), OPTS);

  it('is one self-contained page: a strict CSP admitting only its own style sheet by hash, nothing that loads or runs', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(css.startsWith(REPORT_CSS)).toBe(true);
    const hash = sha256(css).toString('base64');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'">`,
    );
    expect(count(html, '<style>')).toBe(1);
    for (const banned of [
      '<script',
      '<img',
      '<link',
      '<iframe',
      '<object',
      '<a ',
      ' src=',
      ' href=',
      ' style=',
      'url(',
      '@import',
      '@font-face',
    ]) {
      expect(html, banned).not.toContain(banned);
    }
  });

  it('orders the sections: summary, scope, method, one status table per framework, findings', () => {
    const at = [
      'id="summary"',
      'id="scope"',
      'id="method"',
      'data-framework="pci-dss"',
      'data-framework="soc2"',
      'id="findings"',
      '<footer',
    ].map((marker) => html.indexOf(marker));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('states the scope: inputs, UTC range, hosts, counts, tool, policy digest, generation time', () => {
    const scope = html.slice(html.indexOf('id="scope"'), html.indexOf('id="method"'));
    expect(scope).toContain('<code>capture.har</code>');
    expect(scope).toContain('2025-03-14T09:01:00.000Z – 2025-03-14T09:03:00.000Z');
    expect(scope).toContain('1: <code>api.example.com</code>');
    expect(scope).toContain('3 distinct tokens, 4 sightings, 3 requests');
    expect(scope).toContain('jwt-lens 0.0.0-test');
    expect(scope).toContain(`<code>${'a'.repeat(64)}</code>`);
    expect(scope).toContain('2025-03-14T10:00:00Z');
  });

  it('explains the method and the limits of a passive audit, and every status', () => {
    const method = html.slice(html.indexOf('id="method"'), html.indexOf('data-framework="pci-dss"'));
    expect(method).toContain('What it cannot show');
    expect(method).toContain('Key management');
    expect(method).toContain('acceptance checks');
    expect(method).toContain('controls that depend on them are marked partial with what is still needed');
    for (const status of ['pass', 'fail', 'partial', 'not-observed', 'out-of-scope'])
      expect(method).toContain(`data-status="${status}"`);
  });

  it('tables each framework: overview counts, then per control the id, title, status badge, evidence, counts, rules, findings', () => {
    expect(html).toMatch(
      /<th scope="row">PCI DSS<\/th><td>v4\.0\.1<\/td><td class="num">4<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>/,
    );
    const row = html.slice(
      html.indexOf('data-control="6.2.4"'),
      html.indexOf('</tr>', html.indexOf('data-control="6.2.4"')),
    );
    expect(row).toContain('data-status="fail"');
    expect(row).toContain('Software engineering techniques prevent common attacks');
    expect(row).toContain('✗ Fail');
    expect(row).toContain('1 of 3 tokens is unsigned (alg none).');
    expect(row).toContain('Sample: 3 tokens · 4 sightings · 3 requests · 1 host');
    expect(row).toContain('<code>alg-none</code>, <code>sig-stripped</code>');
    expect(row).toContain(`<code>${UNSECURED.fingerprint}</code>`);
    expect(html).toContain('Still needed from the organisation: </strong>The idle timeout');
    expect(html).toContain('Reason: </strong>Covered by the annual penetration test.');
    // Out of scope: the reason alone, no evidence sentence repeating it and no empty sample.
    const outOfScope = html.slice(
      html.indexOf('data-control="CC7.1"'),
      html.indexOf('</tr>', html.indexOf('data-control="CC7.1"')),
    );
    expect(outOfScope).toContain('Reason: </strong>Covered by the annual penetration test.');
    expect(outOfScope).not.toContain('Out of scope by policy.');
    expect(outOfScope).not.toContain('Sample:');
    expect(html).toMatch(/data-control="CC6\.7" data-status="pass"/);
    expect(html).toMatch(/data-control="8\.3\.1" data-status="not-observed"/);
  });

  it('lists the findings per rule, most severe first, with the controls they fail', () => {
    const findings = html.slice(html.indexOf('id="findings"'));
    const order = [
      'alg-none',
      'token-in-url',
      'pii-oidc-claims',
      'fmt-malformed',
      'basic-auth-credentials',
      'iat-missing',
    ].map((id) => findings.indexOf(`data-rule="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(findings).toContain('<strong>Controls: </strong>PCI DSS 8.3.2');
    expect(findings).toContain('<strong>References: </strong>RFC 8725 §3.1, CWE-347');
    expect(findings).toContain('email: <code>al…@ex…</code>');
    expect(findings).toContain('GET <code>http://api.example.com/admin</code> → 200');
    expect(findings).toContain('exchange (no token)');
  });

  it('is deterministic for the same inputs', () => {
    expect(htmlReport(sampleResult(), sampleCompliance(), OPTS)).toBe(html);
  });
});

describe('htmlReport: digest', () => {
  const html = htmlReport(sampleResult(), sampleCompliance(), OPTS);
  const digest = sha256(mainOf(html)).toString('hex');

  it('prints the SHA-256 of the <main> element, outside it, in the footer and a meta tag', () => {
    expect(reportDigest(html)).toBe(digest);
    expect(html).toContain(`<meta name="report-digest" content="sha256:${digest}">`);
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer).toContain(`<code>${digest}</code>`);
    expect(mainOf(html)).not.toContain(digest);
    // And at the foot of every printed page, with the page number.
    expect(html).toContain(`@bottom-left{content:"JWT Lens audit report · digest sha256:${digest}"`);
    expect(html).toContain('content:"Page " counter(page) " of " counter(pages)');
  });

  it('can be checked with the command it prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-digest-'));
    try {
      writeFileSync(join(dir, 'report.html'), html);
      const main = execFileSync(
        'perl',
        ['-0777', '-ne', 'print $1 if /(<main.*?<\\/main>)/s', 'report.html'],
        { cwd: dir },
      );
      expect(createHash('sha256').update(main).digest('hex')).toBe(digest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(html).toContain(
      'perl -0777 -ne &#39;print $1 if /(&lt;main.*?&lt;\\/main&gt;)/s&#39; report.html | sha256sum',
    );
  });

  it('changes with any content of the report', () => {
    const other = htmlReport(sampleResult(), sampleCompliance(), {
      ...OPTS,
      generatedAt: '2025-03-14T10:00:01Z',
    });
    expect(reportDigest(other)).not.toBe(digest);
    expect(reportDigest('<p>no main</p>')).toBeNull();
  });
});

describe('htmlReport: hostile data stays text', () => {
  const HOSTILE = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '</style><style>*{display:none}</style>',
    '</main><main>forged</main>',
    'line\u2028separator\u2029',
    'lone \uD800 surrogate',
  ];
  const payload = HOSTILE.join(' ');

  function hostileResult(): AuditResult {
    const result = sampleResult();
    result.findings = result.findings.map((f) => ({
      ...f,
      title: payload,
      why: payload,
      detail: `${f.detail} ${payload}`,
      evidence: [{ label: payload, value: payload }],
      references: [{ standard: 'RFC 8725', id: payload }],
    }));
    const [first] = result.tokens;
    if (first)
      first.sightings = first.sightings.map((s) => ({
        ...s,
        url: `https://api.example.com/?q=${payload}`,
        name: payload,
      }));
    return result;
  }

  it('escapes token contents, URLs, claim values and finding details wherever they appear', () => {
    const compliance = sampleCompliance();
    const [control] = compliance.frameworks[0]?.controls ?? [];
    if (control)
      Object.assign(control, {
        evidence: payload,
        note: payload,
        title: payload,
        control: payload,
        ruleIds: [payload],
      });
    const html = htmlReport(hostileResult(), compliance, { ...OPTS, inputs: [payload], problems: [payload] });
    expect(count(html, '<script')).toBe(0);
    expect(count(html, '<img')).toBe(0);
    expect(count(html, '<style>')).toBe(1);
    expect(count(html, '</style>')).toBe(1);
    expect(count(html, '<main>')).toBe(1);
    expect(count(html, '</main>')).toBe(1);
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(html).not.toMatch(/[\uD800-\uDFFF]/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('line&#x2028;separator&#x2029;');
    expect(html).toContain('lone \uFFFD surrogate');
  });
});

describe('htmlReport: redaction', () => {
  it('holds no token signature, no payload, no complete token and no personal value by default', () => {
    const html = htmlReport(sampleResult(), sampleCompliance(), OPTS);
    for (const secret of forbiddenStrings()) expect(html, secret).not.toContain(secret);
    expect(html).toContain('Redacted: tokens are masked');
    expect(html).toContain(ACCESS.text.slice(0, ACCESS.text.indexOf('.') + 9));
  });

  it("scrubs a token out of a control's evidence and note too", () => {
    const compliance = sampleCompliance();
    const [control] = compliance.frameworks[0]?.controls ?? [];
    if (control)
      Object.assign(control, { evidence: `seen at ?t=${ACCESS.text}`, note: `ask about ${ACCESS.text}` });
    const html = htmlReport(sampleResult(), compliance, OPTS);
    for (const secret of forbiddenStrings()) expect(html, secret).not.toContain(secret);
    expect(html).toContain(`seen at ?t=${ACCESS.text.slice(0, ACCESS.text.indexOf('.') + 9)}…`);
  });

  it('puts raw values in only when asked, with a warning', () => {
    const html = htmlReport(sampleResult(), sampleCompliance(), { ...OPTS, includeRaw: true });
    expect(html).toContain('Contains raw tokens and personal data: do not share.');
    expect(html).toContain(ACCESS.text);
    expect(html).toContain(MALFORMED.text);
    expect(html).toContain(SECRETS.email);
  });
});

describe('htmlReport without compliance (a scan without --compliance)', () => {
  const html = htmlReport(sampleResult(), undefined, OPTS);

  it('still states scope, method and findings, with a scope derived from the result', () => {
    expect(html).toContain('<title>JWT audit report</title>');
    expect(html).toContain('id="scope"');
    expect(html).toContain('id="method"');
    expect(html).toContain('id="findings"');
    expect(html).not.toContain('data-framework=');
    expect(html).not.toContain('compliance-overview');
    expect(html).not.toContain('What the statuses mean');
    expect(html).not.toContain('marked partial');
    expect(html).toContain('it is not proof of compliance');
    // Sightings with a URL: requests 1, 2, 3, and the basic-auth observation's request 4.
    expect(html).toContain('3 distinct tokens, 4 sightings, 4 requests');
    // The digest `--compliance` states (SHA-256 of the policy's canonical JSON), not another one.
    const canonical = sha256(canonicalJson(sampleResult().policy)).toString('hex');
    expect(canonical).not.toBe(sha256(JSON.stringify(sampleResult().policy)).toString('hex'));
    expect(html).toContain(`<code>${canonical}</code>`);
    const stated = assessCompliance(sampleResult(), { tool: OPTS.tool, inputs: OPTS.inputs }).scope;
    expect(html).toContain(`<code>${stated.policyDigest}</code>`);
    expect(html).toContain(`${stated.sightings} sightings, ${stated.requests} requests`);
    for (const secret of forbiddenStrings()) expect(html, secret).not.toContain(secret);
  });

  it('handles an empty result', () => {
    const empty: AuditResult = {
      ...sampleResult(),
      tokens: [],
      findings: [],
      observations: [],
      ignoredCount: 0,
    };
    delete empty.timeRange;
    const out = htmlReport(empty, undefined, { ...OPTS, inputs: [] });
    expect(out).toContain('No findings.');
    expect(out).toContain('no timed request');
    expect(out).toContain('none (no request URL in the inputs)');
    expect(reportDigest(out)).toMatch(/^[0-9a-f]{64}$/);
  });
});
