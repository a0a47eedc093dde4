// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../../src/core/baseline';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { buttonByName, byTestId, oneByTestId } from './render';

const demo = readFileSync('test/fixtures/demo.har', 'utf8');
const drifted = demo.replaceAll('https://api.example.com/', 'https://api.elsewhere.example/');

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

/** Mounts a panel that `afterEach` unmounts. */
async function open(options: Parameters<typeof mountTestPanel>[0] = {}): Promise<MountedPanel> {
  panel = await mountTestPanel(options);
  return panel;
}

async function click(p: MountedPanel, name: string) {
  act(() => buttonByName(p.root, name).click());
  // The engine answers asynchronously (the worker in the extension): let it and Preact settle.
  for (let i = 0; i < 20; i++) await settle();
}

const status = (p: MountedPanel) => oneByTestId(p.root, 'status-message').textContent ?? '';

describe('panel baseline controls', () => {
  it('offers Save and Import, and Compare and Forget only once a baseline is kept', async () => {
    const p = await open();
    expect(buttonByName(p.root, 'Save as baseline').disabled).toBe(false);
    expect(buttonByName(p.root, 'Import baseline…')).toBeTruthy();
    expect(buttonByName(p.root, 'Compare with baseline').disabled).toBe(true);
    expect(buttonByName(p.root, 'Forget baseline').disabled).toBe(true);
    expect(byTestId(p.root, 'filter-drift')).toHaveLength(0);
    act(() => void p.handle.tokens.importHar(demo, 'demo.har'));
    await click(p, 'Save as baseline');
    expect(status(p)).toBe('Saved as baseline: 6 profiles from 9 tokens; downloaded jwt-baseline.json');
    expect(p.downloads.at(-1)?.filename).toBe('jwt-baseline.json');
    expect(p.baselineStore.value).toBe(p.downloads.at(-1)?.text);
    const compare = buttonByName(p.root, 'Compare with baseline');
    expect(compare.disabled).toBe(false);
    expect(compare.getAttribute('aria-pressed')).toBe('false');
    expect(compare.title).toBe('Baseline learned from demo.har: 6 profiles');
  });

  it('compares: drift findings under the Drift filter, expected beside seen in the detail; stops', async () => {
    const p = await open();
    act(() => void p.handle.tokens.importHar(demo, 'demo.har'));
    await click(p, 'Save as baseline');
    act(() => p.handle.tokens.clear());
    act(() => void p.handle.tokens.importHar(drifted, 'drifted.har'));
    await click(p, 'Compare with baseline');
    expect(status(p)).toMatch(/^Comparing with the baseline: [1-9]\d* drift findings?$/);
    expect(buttonByName(p.root, 'Compare with baseline').getAttribute('aria-pressed')).toBe('true');
    const total = byTestId(p.root, 'token-row').length;
    const filter = oneByTestId(p.root, 'filter-drift') as HTMLInputElement;
    act(() => filter.click());
    await settle();
    const rows = byTestId(p.root, 'token-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(total);
    act(() => rows[0]?.click());
    await settle();
    const finding = byTestId(p.root, 'finding').find((f) => f.dataset.ruleId === 'drift-new-recipient-host');
    if (!finding) throw new Error('no drift-new-recipient-host finding in the detail');
    const table = oneByTestId(finding, 'drift-compare');
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Expected (baseline)',
      'Seen',
    ]);
    expect(oneByTestId(table, 'drift-expected').textContent).toContain('api.example.com');
    expect(oneByTestId(table, 'drift-seen').textContent).toContain('api.elsewhere.example');
    // No `expected`/`seen` line is repeated under the plain evidence list.
    expect(finding.querySelector('.evidence')?.textContent ?? '').not.toMatch(/^expected|seen/);
    await click(p, 'Compare with baseline');
    expect(status(p)).toBe('Stopped comparing with the baseline');
    expect(byTestId(p.root, 'filter-drift')).toHaveLength(0);
    expect(byTestId(p.root, 'token-row')).toHaveLength(total);
    expect(byTestId(p.root, 'finding').some((f) => f.dataset.ruleId?.startsWith('drift-'))).toBe(false);
  });

  it('gives the Compliance view the baseline while comparing (change-control evidence), not after', async () => {
    const p = await open();
    act(() => void p.handle.tokens.importHar(demo, 'demo.har'));
    await click(p, 'Save as baseline');
    act(() => p.handle.tokens.clear());
    act(() => void p.handle.tokens.importHar(drifted, 'drifted.har'));
    const tab = [...p.root.querySelectorAll<HTMLElement>('[role="tab"]')].find(
      (t) => t.textContent === 'Compliance',
    );
    act(() => tab?.click());
    await settle();
    const evidence = 'compared with a baseline learned from demo.har';
    expect(p.root.textContent).not.toContain(evidence);
    await click(p, 'Compare with baseline');
    expect(p.root.textContent).toContain(evidence);
    await click(p, 'Compare with baseline');
    expect(p.root.textContent).not.toContain(evidence);
  });

  it('shows the CLI’s one-line error for a bad baseline file chosen with Import baseline…', async () => {
    const p = await open();
    const input = oneByTestId(p.root, 'baseline-import-input') as HTMLInputElement;
    expect(input.getAttribute('aria-label')).toBe('Import baseline… file');
    const file = new File(['{"baselineVersion": 1}'], 'jwt-baseline.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change'));
    });
    for (let i = 0; i < 20; i++) await settle();
    const parsed = parseBaseline('{"baselineVersion": 1}', 'jwt-baseline.json');
    expect('error' in parsed && parsed.error).toMatch(/^jwt-baseline\.json: baseline/);
    expect(status(p)).toBe('error' in parsed ? parsed.error : '');
    expect(oneByTestId(p.root, 'status-message').className).toContain('error');
  });

  it('names an imported HAR by its file name in the saved baseline, as the CLI names its input', async () => {
    const p = await open();
    const input = oneByTestId(p.root, 'import-har-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([demo], 'demo.har')], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change'));
    });
    for (let i = 0; i < 20; i++) await settle();
    await click(p, 'Save as baseline');
    expect(JSON.parse(p.downloads.at(-1)?.text ?? '{}').learnedFrom.inputs).toEqual(['demo.har']);
  });

  it('reads the kept baseline when the panel opens, and forgets it', async () => {
    const first = await mountTestPanel();
    act(() => void first.handle.tokens.importHar(demo, 'demo.har'));
    await click(first, 'Save as baseline');
    const text = first.baselineStore.value as string;
    first.unmount();
    const p = await open({ storedBaseline: text });
    for (let i = 0; i < 20; i++) await settle();
    expect(buttonByName(p.root, 'Compare with baseline').disabled).toBe(false);
    await click(p, 'Forget baseline');
    expect(status(p)).toBe('Forgot the baseline');
    expect(p.baselineStore.value).toBeUndefined();
    expect(buttonByName(p.root, 'Compare with baseline').disabled).toBe(true);
  });
});
