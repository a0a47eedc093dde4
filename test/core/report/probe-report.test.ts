import { describe, expect, it } from 'vitest';
import type { ProbeRun } from '../../../src/core/probe';
import { htmlReport } from '../../../src/core/report/html';
import { toJsonReport } from '../../../src/core/report/json-report';
import { toMarkdown } from '../../../src/core/report/markdown';
import { toSarif } from '../../../src/core/report/sarif';
import { toTable } from '../../../src/core/report/table';
import { writeJsonReport } from '../../../src/core/report/write-json-report';
import { outcome, sampleRun } from '../probe/sample-run';
import { ACCESS, FLOW, sampleResult } from './sample-result';
import { createReportValidator } from './schema-validator';

const TOOL = { name: 'jwt-lens', version: '0.0.0-test' };
const validate = createReportValidator();
const SIGNATURE = ACCESS.segments[2] ?? '';
/** A token no audit result knows (the report's scrubber cannot learn it): masked all the same. */
const STRANGER =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.dW5rbm93bi1zaWduYXR1cmUtYnl0ZXMtMDEyMzQ1';

function probeRun(): ProbeRun {
  const run = sampleRun(
    `https://api.example.com/export?access_token=${ACCESS.text}&format=csv`,
    ACCESS.fingerprint,
    { slot: { where: 'query', name: 'access_token' } },
  );
  // The kid case answered with a redirect to the login page, whose URL carries server text.
  run.outcomes = run.outcomes.filter((o) => o.kind !== 'kid-injection');
  run.outcomes.push({
    ...outcome('kid-injection', 'kid-injection', 'probe-kid-injection-accepted', 'rejected'),
    shape: {
      status: 302,
      contentType: '',
      lengthBucket: 0,
      jsonKeys: [],
      location: `https://app.example.com/login?state=${FLOW.state}&t=${STRANGER}`,
    },
  });
  run.outcomes.push({
    ...outcome('alg-confusion:jwk', 'alg-confusion', 'probe-alg-confusion-accepted', 'inconclusive'),
    error: `timeout after 10 s sending ${STRANGER}`,
  });
  return run;
}

describe('the probes section of the reports', () => {
  const options = {
    includeRaw: false,
    tool: TOOL,
    generatedAt: '2025-03-14T10:00:00.000Z',
    probes: [probeRun()],
  };
  const report = toJsonReport(sampleResult(), options);

  it('validates against the schema, raw or not, and is absent from a report that is no probe’s', () => {
    expect(validate(report)).toEqual([]);
    expect(validate(toJsonReport(sampleResult(), { ...options, includeRaw: true }))).toEqual([]);
    expect(toJsonReport(sampleResult(), { includeRaw: false, tool: TOOL })).not.toHaveProperty('probes');
  });

  it('logs every case with its change, answer and verdict, and the rules the run passed', () => {
    const [run] = report.probes ?? [];
    expect(run).toMatchObject({
      entry: 3,
      method: 'GET',
      url: `https://api.example.com/export?access_token=${ACCESS.segments[0]}.${ACCESS.segments[1]?.slice(0, 8)}…&format=csv`,
      fingerprint: ACCESS.fingerprint,
      slot: { where: 'query', name: 'access_token' },
      baseline: { caseId: 'baseline', verdict: 'accepted', shape: { status: 200 } },
      negativeControl: { caseId: 'negative-control', verdict: 'rejected', shape: { status: 401 } },
      passedRuleIds: [
        'probe-signature-not-verified',
        'probe-embedded-jwk-trusted',
        'probe-kid-injection-accepted',
      ],
    });
    expect(run?.outcomes.map((o) => [o.caseId, o.verdict])).toContainEqual(['alg-none:nOnE', 'accepted']);
    expect(run?.outcomes).toHaveLength(10);
  });

  it('never writes a token signature or a flow secret, even with raw output asked for', () => {
    for (const includeRaw of [false, true]) {
      const probes = JSON.stringify(toJsonReport(sampleResult(), { ...options, includeRaw }).probes);
      expect(probes).not.toContain(SIGNATURE);
      expect(probes).not.toContain(STRANGER.split('.')[2]);
      expect(probes).not.toContain(FLOW.state);
      expect(probes).toContain('login?state=');
    }
  });

  it('the streaming writer writes the same section', () => {
    let text = '';
    writeJsonReport(sampleResult(), options, (chunk) => {
      text += chunk;
    });
    expect(JSON.parse(text).probes).toEqual(JSON.parse(JSON.stringify(report.probes)));
  });

  it('Markdown: a Probes section with one row per case, masked', () => {
    const md = toMarkdown(sampleResult(), options);
    expect(md).toContain('## Probes');
    expect(md).toContain('- **Negative control (no token):** HTTP 401, application/json');
    expect(md).toMatch(
      /\| `alg-none:nOnE` \| alg-none:nOnE change \| HTTP 200, .* \| \*\*accepted\*\* \| `probe-alg-none-accepted` \|/,
    );
    expect(md).not.toContain(SIGNATURE);
    expect(md).not.toContain(STRANGER.split('.')[2]);
    expect(toMarkdown(sampleResult(), { includeRaw: false, tool: TOOL })).not.toContain('## Probes');
  });

  it('HTML: a Probes section with what was sent and each verdict, masked, raw or not', () => {
    for (const includeRaw of [false, true]) {
      const html = htmlReport(sampleResult(), undefined, { ...options, includeRaw });
      const section = html.slice(html.indexOf('<section id="probes"'), html.indexOf('</main>'));
      expect(section).toContain('<h2>Probes: what the server accepted</h2>');
      expect(section).toContain('Negative control (no token)</dt><dd>HTTP 401, application/json');
      expect(section).toMatch(
        /<tr class="verdict-accepted" data-testid="probe-case"><td><code>alg-none:nOnE<\/code><\/td><td>alg-none:nOnE change<\/td><td>HTTP 200, [^<]*<\/td><td><strong>accepted<\/strong><\/td><td><code>probe-alg-none-accepted<\/code><\/td><\/tr>/,
      );
      expect(section.match(/data-testid="probe-case"/g)).toHaveLength(10);
      expect(section).toContain('access_token=eyJ');
      expect(html).toContain('data-testid="method-probed"');
      // The probes never show a signature; the rest of a raw report shows the tokens, as asked.
      const checked = includeRaw ? section : html;
      expect(checked).not.toContain(SIGNATURE);
      expect(checked).not.toContain(STRANGER.split('.')[2]);
      expect(checked).not.toContain(FLOW.state);
    }
    const scan = htmlReport(sampleResult(), undefined, { includeRaw: false, tool: TOOL });
    expect(scan).not.toContain('id="probes"');
    expect(scan).not.toContain('method-probed');
  });

  it('SARIF: the run’s properties count each run’s verdicts', () => {
    const sarif = toSarif(sampleResult(), options) as { runs: { properties: { probes?: unknown[] } }[] };
    expect(sarif.runs[0]?.properties.probes).toEqual([
      {
        entry: 3,
        request: expect.stringMatching(/^GET https:\/\/api\.example\.com\/export\?access_token=eyJ/),
        fingerprint: ACCESS.fingerprint,
        slot: 'query access_token',
        verdicts: { accepted: 1, rejected: 7, inconclusive: 2 },
        passedRuleIds: [
          'probe-signature-not-verified',
          'probe-embedded-jwk-trusted',
          'probe-kid-injection-accepted',
        ],
      },
    ]);
    expect(JSON.stringify(sarif)).not.toContain(SIGNATURE);
  });
});

describe('the probes in the terminal table', () => {
  it('lists each run and case before the findings, masked, without control characters', () => {
    const run = probeRun();
    run.outcomes[0] = {
      ...(run.outcomes[0] as ProbeRun['outcomes'][number]),
      caseId: 'alg-none:none\u001b[31m',
    };
    const table = toTable(sampleResult(), { color: false, width: 120, probes: [run] });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^Probe of GET https:\/\/api\.example\.com\/export\?access_token=eyJ[\w-]+\.eyJpc3Mi…&format=csv \(entry 3, token \w{16} in query access_token\)$/,
    );
    expect(lines[1]).toBe('  baseline: HTTP 200, application/json, ≤ 2048 chars, keys: orders, page, total');
    expect(lines[3]).toBe('  10 cases: 1 accepted, 7 rejected, 2 inconclusive');
    expect(table).toMatch(/ {2}ACCEPTED {5}alg-none:nOnE {16}HTTP 200/);
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain(SIGNATURE);
    expect(table).not.toContain(STRANGER.split('.')[2]);
    expect(table.indexOf('Probe of')).toBeLessThan(table.indexOf('SEVERITY'));
    expect(toTable(sampleResult(), { color: false, width: 120 })).not.toContain('Probe of');
  });
});
