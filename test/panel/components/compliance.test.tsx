// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../../src/core/compliance/types';
import type { AuditResult } from '../../../src/core/types';
import { complianceReport, hipaa, pciDss } from '../compliance-fixture';
import { accessClaims, makeEntry, makeToken } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { buttonByName, byTestId, HOSTILE, oneByTestId } from './render';

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
  delete (window as unknown as Record<string, unknown>).__pwned;
});

const alice = makeToken(accessClaims('alice'));
const none = makeToken(accessClaims('mallory'), { alg: 'none' });

/** A hand-built report for these tests: PCI DSS 8.3.2 fails on the capture's `alg-none` findings. */
function handBuilt(result: AuditResult, title832?: string): ComplianceReport {
  const findings = result.findings
    .filter((f) => f.ruleId === 'alg-none')
    .map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity }));
  return complianceReport([hipaa(), pciDss(findings, title832)]);
}

async function openCompliance(assess = (r: AuditResult) => handBuilt(r)): Promise<MountedPanel> {
  panel = await mountTestPanel({ assessCompliance: assess });
  panel.source.emit(makeEntry({ bearer: alice }), '0');
  panel.source.emit(makeEntry({ url: `http://api.example.test/cb?access_token=${none}` }), '1');
  await panel.frame();
  await click(oneByTestId(panel.root, 'view-compliance'));
  return panel;
}

async function click(el: HTMLElement): Promise<void> {
  act(() => el.click());
  await settle();
}

async function key(el: HTMLElement, name: string): Promise<void> {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  });
  await settle();
}

const row = (p: MountedPanel, id: string) => {
  const found = byTestId(p.root, 'control-row').find((r) => r.dataset.control === id);
  if (!found) throw new Error(`no control row ${id}`);
  return found;
};
const picker = (p: MountedPanel) => oneByTestId(p.root, 'framework-picker') as HTMLSelectElement;
const text = (p: MountedPanel, id: string) => oneByTestId(p.root, id).textContent;

describe('panel: Compliance view', () => {
  it('opens from the view tabs, by click and by arrow keys, and goes back to the token list', async () => {
    const p = await openCompliance();
    expect(oneByTestId(p.root, 'compliance-view')).toBeTruthy();
    expect(byTestId(p.root, 'token-list')).toHaveLength(0);
    const tab = oneByTestId(p.root, 'view-compliance');
    expect(tab.getAttribute('aria-selected')).toBe('true');
    // The last tab: ArrowRight wraps round to the first (Tokens), ArrowLeft from there back to Compliance.
    await key(tab, 'ArrowRight');
    expect(byTestId(p.root, 'compliance-view')).toHaveLength(0);
    expect(oneByTestId(p.root, 'token-list')).toBeTruthy();
    expect(document.activeElement).toBe(oneByTestId(p.root, 'view-tokens'));
    await key(oneByTestId(p.root, 'view-tokens'), 'ArrowLeft');
    expect(oneByTestId(p.root, 'compliance-view')).toBeTruthy();
  });

  it('lists the frameworks in a fixed order and switches the control table with the picker', async () => {
    const p = await openCompliance();
    const options = [...picker(p).options].map((o) => o.textContent);
    expect(options).toEqual(['PCI DSS v4.0.1', 'HIPAA 45 CFR 164.312']);
    expect(byTestId(p.root, 'control-row').map((r) => r.dataset.control)).toEqual([
      '8.3.2',
      '4.2.1',
      '8.6.3',
      '8.2.8',
      '12.10.7',
    ]);
    expect(text(p, 'compliance-summary')).toBe(
      '1 fail · 1 partial · 1 pass · 1 not observed · 1 out of scope',
    );
    act(() => {
      picker(p).value = 'hipaa';
      picker(p).dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(byTestId(p.root, 'control-row').map((r) => r.dataset.control)).toEqual([
      '164.312(e)(1)',
      '164.312(d)',
    ]);
    expect(text(p, 'compliance-summary')).toBe(
      '0 fail · 0 partial · 2 pass · 0 not observed · 0 out of scope',
    );
  });

  it('shows each control’s status as a labelled badge, its counts and its evidence sentence', async () => {
    const p = await openCompliance();
    const badges = byTestId(p.root, 'control-row').map((r) => oneByTestId(r, 'status-badge'));
    expect(badges.map((b) => b.textContent)).toEqual([
      'Fail',
      'Pass',
      'Partial',
      'Not observed',
      'Out of scope',
    ]);
    expect(badges.map((b) => b.className)).toEqual([
      'badge badge-fail',
      'badge badge-pass',
      'badge badge-partial',
      'badge badge-not-observed',
      'badge badge-out-of-scope',
    ]);
    const counts = (id: string) => [...row(p, id).querySelectorAll('.cell-ccount')].map((c) => c.textContent);
    expect(counts('8.3.2')).toEqual(['1', '2']);
    expect(counts('8.2.8')).toEqual(['0', '0']);
    expect(row(p, '4.2.1').textContent).toContain('3 token sightings on 2 hosts, all over HTTPS');
    expect(text(p, 'compliance-scope')).toContain('2 tokens, 3 sightings, 3 requests · 2 hosts');
    expect(text(p, 'compliance-scope')).toContain(`policy ${'a'.repeat(12)}`);
  });

  it('opens a failing control on click: its findings, linked to the finding in the token detail', async () => {
    const p = await openCompliance();
    expect(oneByTestId(p.root, 'control-detail-empty')).toBeTruthy();
    await click(row(p, '8.3.2'));
    expect(row(p, '8.3.2').getAttribute('aria-selected')).toBe('true');
    expect(text(p, 'control-meaning')).toMatch(/^Violated/);
    const findings = byTestId(p.root, 'control-finding');
    expect(findings.map((f) => f.dataset.ruleId)).toEqual(['alg-none']);
    expect(findings[0]?.textContent).toContain('Critical');
    await click(oneByTestId(p.root, 'show-finding'));
    expect(oneByTestId(p.root, 'view-tokens').getAttribute('aria-selected')).toBe('true');
    const detail = oneByTestId(p.root, 'token-detail');
    const focused = detail.querySelector<HTMLElement>('[data-testid="finding"].is-target');
    expect(focused?.dataset.ruleId).toBe('alg-none');
    expect(document.activeElement).toBe(focused);
    const selected = p.root.querySelector<HTMLElement>('[data-testid="token-row"][aria-selected="true"]');
    expect(selected?.dataset.fingerprint).toBe(oneByTestId(p.root, 'detail-fingerprint').textContent);
  });

  it('keeps the click-through mark until another token is picked, and never steals the focus back', async () => {
    const p = await openCompliance();
    await click(row(p, '8.3.2'));
    await click(oneByTestId(p.root, 'show-finding'));
    const search = oneByTestId(p.root, 'search');
    act(() => search.focus());
    p.source.emit(makeEntry({ bearer: makeToken(accessClaims('carol')) }), '2');
    await p.frame();
    expect(byTestId(p.root, 'token-row')).toHaveLength(3);
    expect(document.activeElement).toBe(search);
    const marked = () => p.root.querySelectorAll('[data-testid="finding"].is-target').length;
    expect(marked()).toBe(1);
    const rows = byTestId(p.root, 'token-row');
    const other = rows.find((r) => r.getAttribute('aria-selected') !== 'true');
    const back = rows.find((r) => r.getAttribute('aria-selected') === 'true');
    if (!other || !back) throw new Error('expected a selected and an unselected row');
    await click(other);
    await click(back);
    expect(marked()).toBe(0);
  });

  it('opens a passing control with Enter and shows what passed: evidence, counts and the rules checked', async () => {
    const p = await openCompliance();
    await key(row(p, '8.3.2'), 'ArrowDown');
    expect(row(p, '4.2.1').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(row(p, '4.2.1'));
    await click(row(p, '8.6.3'));
    await key(row(p, '4.2.1'), 'Enter');
    const detail = oneByTestId(p.root, 'control-detail');
    expect(detail.querySelector('h2')?.textContent).toBe(
      'Pass 4.2.1 Strong cryptography for PAN over open, public networks',
    );
    expect(detail.textContent).toContain('What passed');
    expect(text(p, 'control-evidence')).toBe('3 token sightings on 2 hosts, all over HTTPS');
    expect(text(p, 'control-counts')).toBe('2 tokens · 3 sightings · 3 requests · 2 hosts');
    expect(text(p, 'control-rules')).toBe('transport-insecure');
    expect(byTestId(p.root, 'control-finding')).toHaveLength(0);
    expect(byTestId(p.root, 'control-note')).toHaveLength(0);
  });

  it('tells, for a partial control, what an assessor still needs, and for out of scope, the reason', async () => {
    const p = await openCompliance();
    await click(row(p, '8.6.3'));
    expect(oneByTestId(p.root, 'control-detail').textContent).toContain('What an assessor still needs');
    expect(text(p, 'control-note')).toBe(
      'The key management procedure: how signing secrets are generated, stored and rotated.',
    );
    await click(row(p, '12.10.7'));
    expect(oneByTestId(p.root, 'control-detail').textContent).toContain('Reason');
    expect(text(p, 'control-note')).toBe('No cardholder data flows through this application (policy).');
    await click(row(p, '8.2.8'));
    expect(text(p, 'control-meaning')).toMatch(/^Not observed: nothing in this capture/);
  });

  it('renders hostile engine text as text and bounds a control’s finding list', async () => {
    const many = (r: AuditResult) => {
      const report = handBuilt(r, HOSTILE);
      const fail = report.frameworks[1]?.controls[0];
      if (fail)
        fail.findings = Array.from({ length: 130 }, (_, i) => ({
          ruleId: `r${i}`,
          fingerprint: '',
          severity: 'low',
        }));
      return report;
    };
    const p = await openCompliance(many);
    await click(row(p, '8.3.2'));
    expect(row(p, '8.3.2').textContent).toContain(HOSTILE);
    expect(p.root.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
    expect(byTestId(p.root, 'control-finding')).toHaveLength(100);
    expect(text(p, 'control-findings-more')).toBe('and 30 more');
  });

  it('assesses only while the view (or an export) asks: capture in the token list never pays for it', async () => {
    let calls = 0;
    panel = await mountTestPanel({
      assessCompliance: (r) => {
        calls++;
        return handBuilt(r);
      },
    });
    panel.source.emit(makeEntry({ bearer: alice }), '0');
    await panel.frame();
    expect(calls).toBe(0);
    await click(oneByTestId(panel.root, 'view-compliance'));
    expect(calls).toBe(1);
  });

  it('says so when the assessment fails, and the audit export fails with a message', async () => {
    const p = await openCompliance(() => {
      throw new Error('engine bug');
    });
    expect(text(p, 'compliance-error')).toBe('The compliance assessment failed for this capture.');
    await click(buttonByName(p.root, 'Export audit report (HTML)'));
    expect(p.downloads).toHaveLength(0);
    expect(text(p, 'status-message')).toBe('The export failed.');
  });
});

describe('panel: Export audit report (HTML)', () => {
  it('downloads the HTML audit report of the view’s statuses, redacted, through the renderer', async () => {
    const p = await openCompliance((r) => handBuilt(r, HOSTILE));
    await click(buttonByName(p.root, 'Export audit report (HTML)'));
    const file = p.downloads.at(-1);
    expect(file?.filename).toBe('jwt-lens-audit-2030-01-01T00-00-00Z.html');
    expect(file?.mime).toBe('text/html');
    expect(file?.text).toMatch(/^<!doctype html>/i);
    expect(file?.text).toContain('8.3.2');
    expect(file?.text).toContain('164.312(e)(1)');
    expect(file?.text).not.toContain(HOSTILE);
    expect(file?.text).toContain('&lt;img src=x');
    for (const token of [alice, none]) expect(file?.text).not.toContain(token);
    expect(text(p, 'status-message')).toBe(`Exported ${file?.filename}`);
  });

  it('exports the statuses of the default engine too', async () => {
    panel = await mountTestPanel();
    await click(oneByTestId(panel.root, 'view-compliance'));
    await click(buttonByName(panel.root, 'Export audit report (HTML)'));
    expect(panel.downloads.at(-1)?.mime).toBe('text/html');
    expect(panel.downloads.at(-1)?.text).toContain('OWASP ASVS');
  });
});

describe('panel: Compliance view over the engine (core assessCompliance)', () => {
  const capture = async (settings?: unknown) => {
    panel = await mountTestPanel(settings ? { settings } : {});
    panel.source.emit(makeEntry({ bearer: alice }), '0');
    panel.source.emit(makeEntry({ url: `http://api.example.test/cb?access_token=${none}` }), '1');
    await panel.frame();
    await click(oneByTestId(panel.root, 'view-compliance'));
    return panel;
  };
  const status = (p: MountedPanel, id: string) => oneByTestId(row(p, id), 'status-badge').textContent;

  it('shows what the capture makes fail, pass and go unobserved, for every framework by default', async () => {
    const p = await capture();
    expect(picker(p).options).toHaveLength(8);
    expect(text(p, 'compliance-scope')).toMatch(
      /^Scope: 2 tokens, 2 sightings, 2 requests · 1 host · .* · jwt-lens \d+\.\d+\.\d+\S* · policy [0-9a-f]{12}$/,
    );
    act(() => {
      picker(p).value = 'asvs';
      picker(p).dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    // The alg none token went over http in a URL: transport fails; no cookie, so cookie controls are unobserved.
    expect(status(p, 'v5.0.0-12.2.1')).toBe('Fail');
    expect(status(p, 'v5.0.0-14.2.3')).toBe('Pass');
    expect(status(p, 'v5.0.0-3.3.1')).toBe('Not observed');
    await click(row(p, 'v5.0.0-12.2.1'));
    expect(byTestId(p.root, 'control-finding').map((f) => f.dataset.ruleId)).toEqual(['transport-cleartext']);
    await click(oneByTestId(p.root, 'show-finding'));
    const target = oneByTestId(p.root, 'token-detail').querySelector<HTMLElement>('.finding.is-target');
    expect(target?.dataset.ruleId).toBe('transport-cleartext');
  });

  it('reports the frameworks the policy selects', async () => {
    const policyText = JSON.stringify({ compliance: { frameworks: ['hipaa', 'soc2'] } });
    const p = await capture({ version: 1, policyText, preserveLog: false });
    expect([...picker(p).options].map((o) => o.value)).toEqual(['hipaa', 'soc2']);
    expect(status(p, '164.312(e)(1)')).toBe('Fail');
  });
});
