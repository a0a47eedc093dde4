// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/fake-io';
import { createReportValidator } from '../../core/report/schema-validator';
import { accessClaims, makeEntry, makeHar, makeToken, NOW } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { buttonByName, oneByTestId } from './render';

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

const alice = makeToken(accessClaims('alice', { email: 'alice@example.test' }));
const none = makeToken(accessClaims('mallory'), { alg: 'none' });
const entries = [
  makeEntry({ bearer: alice }),
  makeEntry({ url: `http://api.example.test/cb?access_token=${none}` }),
  makeEntry({ setCookie: `session=${alice}; Path=/`, url: 'https://app.example.test/login', method: 'POST' }),
];

async function capturedPanel(): Promise<MountedPanel> {
  panel = await mountTestPanel();
  // Request ids as a HAR file numbers them, so sighting ids match the CLI's.
  for (const [i, entry] of entries.entries()) panel.source.emit(entry, String(i));
  await panel.frame();
  return panel;
}

async function exportAs(p: MountedPanel, name: string) {
  act(() => buttonByName(p.root, name).click());
  await settle();
  const file = p.downloads.at(-1);
  if (!file) throw new Error('nothing downloaded');
  return file;
}

describe('panel exports', () => {
  it('has the export buttons by accessible name and "Include raw tokens" off by default', async () => {
    const p = await capturedPanel();
    for (const name of [
      'Export JSON',
      'Export SARIF',
      'Export Markdown',
      'Export compliance Markdown (by framework)',
      'Export audit report (HTML)',
    ])
      expect(buttonByName(p.root, name)).toBeTruthy();
    expect((oneByTestId(p.root, 'include-raw') as HTMLInputElement).checked).toBe(false);
  });

  it('exports a redacted, schema-valid JSON report identical to the CLI’s for the same traffic', async () => {
    const p = await capturedPanel();
    const file = await exportAs(p, 'Export JSON');
    expect(file.filename).toBe('jwt-lens-report-2030-01-01T00-00-00Z.json');
    expect(file.mime).toBe('application/json');
    const report = JSON.parse(file.text);
    expect(createReportValidator()(report)).toEqual([]);
    expect(report.rawIncluded).toBe(false);
    for (const token of [alice, none]) {
      expect(file.text).not.toContain(token);
      expect(file.text).not.toContain(token.split('.')[1]);
    }
    expect(file.text).not.toContain('alice@example.test');

    const cli = await runCli(
      ['scan', 'traffic.har', '--format', 'json', '--now', new Date(NOW * 1000).toISOString()],
      {
        files: { 'traffic.har': JSON.stringify(makeHar(entries)) },
      },
    );
    const expected = JSON.parse(cli.stdout);
    for (const r of [report, expected]) {
      r.generatedAt = 'pinned';
      r.inputs = [];
    }
    expect(report).toEqual(expected);
  });

  it('puts raw tokens in only when "Include raw tokens" is ticked', async () => {
    const p = await capturedPanel();
    act(() => oneByTestId(p.root, 'include-raw').click());
    await settle();
    const file = await exportAs(p, 'Export JSON');
    const report = JSON.parse(file.text);
    expect(report.rawIncluded).toBe(true);
    expect(report.tokens.map((t: { raw?: string }) => t.raw)).toContain(alice);
  });

  it('exports SARIF 2.1.0 and Markdown with the same fingerprints', async () => {
    const p = await capturedPanel();
    const json = JSON.parse((await exportAs(p, 'Export JSON')).text);
    const sarifFile = await exportAs(p, 'Export SARIF');
    expect(sarifFile.filename).toMatch(/^jwt-lens-report-.*\.sarif$/);
    const sarif = JSON.parse(sarifFile.text);
    expect(sarif.version).toBe('2.1.0');
    const fingerprints = new Set(json.findings.map((f: { fingerprint: string }) => f.fingerprint));
    for (const result of sarif.runs[0].results)
      expect(fingerprints.has(result.partialFingerprints.jwtFingerprint)).toBe(true);
    const md = await exportAs(p, 'Export Markdown');
    expect(md.filename).toMatch(/\.md$/);
    expect(md.text).toContain(json.tokens[0].fingerprint);
    expect(md.text).not.toContain(alice);
    expect(oneByTestId(p.root, 'status-message').textContent).toBe(`Exported ${md.filename}`);
  });

  it('exports the compliance report by framework, redacted, byte for byte what scan --group-by framework writes', async () => {
    const p = await capturedPanel();
    const file = await exportAs(p, 'Export compliance Markdown (by framework)');
    expect(file.filename).toBe('jwt-lens-compliance-2030-01-01T00-00-00Z.md');
    expect(file.mime).toBe('text/markdown');
    expect(file.text).toMatch(/^# JWT Lens compliance report by framework\n/);
    // The real engine's statuses, every framework (the policy selects none): the server took the alg none token.
    expect(file.text).toContain('\n## PCI DSS v4.0.1\n');
    expect(file.text).toContain('\n## OWASP ASVS 5.0.0\n');
    expect(file.text).toMatch(
      /\n\| 8\.3\.1 \| [^|\n]+ \| \*\*Fail\*\* \| 1 finding [^|\n]*alg-none-accepted/,
    );
    expect(file.text).toContain('`alg-none`');
    for (const token of [alice, none]) {
      expect(file.text).not.toContain(token);
      expect(file.text).not.toContain(token.split('.')[1]);
    }
    expect(file.text).not.toContain('alice@example.test');
    expect(oneByTestId(p.root, 'status-message').textContent).toBe(`Exported ${file.filename}`);

    const cli = await runCli(
      [
        'scan',
        'traffic.har',
        '--format',
        'md',
        '--group-by',
        'framework',
        '--now',
        new Date(NOW * 1000).toISOString(),
      ],
      { files: { 'traffic.har': JSON.stringify(makeHar(entries)) } },
    );
    expect(cli.code).toBe(0);
    // Only the header and the scope's inputs differ: the CLI names its input file and writes its own time.
    const body = (md: string) => md.slice(md.indexOf('\n- Traffic:'));
    expect(body(file.text)).toBe(body(cli.stdout));
  });

  it('masks a personal value the same in the detail view, in finding evidence and in the JSON export', async () => {
    const p = await capturedPanel();
    act(() => (p.root.querySelector('[data-testid="token-row"]') as HTMLElement).click());
    await settle();
    const claims = oneByTestId(p.root, 'claims-json').textContent ?? '';
    const evidence = [...p.root.querySelectorAll('[data-testid="finding"] dd')].map((d) => d.textContent);
    const report = JSON.parse((await exportAs(p, 'Export JSON')).text);
    const exported = report.tokens.find(
      (t: { claims: { email?: string } | null }) => t.claims?.email,
    )?.claims;
    expect(exported.email).toBe('al…@ex…');
    expect(claims).toContain('"email": "al…@ex…"');
    expect(claims).not.toContain('alice@example.test');
    expect(evidence).toContain('al…@ex…');
    // Revealing the token shows it all, as "Include raw tokens" does in exports.
    act(() => oneByTestId(p.root, 'reveal-token').click());
    await settle();
    expect(oneByTestId(p.root, 'claims-json').textContent).toContain('"email": "alice@example.test"');
  });
});
