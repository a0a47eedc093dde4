import { readFileSync } from 'node:fs';
import { signal } from '@preact/signals';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../../src/core/baseline';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import {
  type BaselineModelDeps,
  createBaselineModel,
  MAX_BASELINE_BYTES,
} from '../../../src/panel/models/baseline-model';
import { DRIFT_QUIET_MS } from '../../../src/panel/models/drift-runner';
import type { ExportFile } from '../../../src/panel/models/export-report';
import { listRecords } from '../../../src/panel/models/rows';
import { localBaselineEngine, memoryBaselineStore } from '../baseline-deps';
import { createTestModel } from '../harness';

const demo = readFileSync('test/fixtures/demo.har', 'utf8');
/** The demo capture with its API calls sent to another host: drift-new-recipient-host for their tokens. */
const drifted = demo.replaceAll('https://api.example.com/', 'https://api.elsewhere.example/');

/** A manual timer for the quiet delay: `fire()` runs what is due. */
function manualLater() {
  const due: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    later: (fn: () => void, ms: number) => {
      const job = { fn, ms, cancelled: false };
      due.push(job);
      return () => {
        job.cancelled = true;
      };
    },
    fire() {
      for (const job of due.splice(0)) if (!job.cancelled) job.fn();
    },
    pending: () => due.filter((j) => !j.cancelled),
  };
}

async function setup(
  options: {
    stored?: string;
    store?: Partial<BaselineModelDeps['store']>;
    engine?: Partial<BaselineModelDeps['engine']>;
  } = {},
) {
  const { model: tokens, frame } = await createTestModel();
  const downloads: ExportFile[] = [];
  const store = Object.assign(memoryBaselineStore(options.stored), options.store ?? {});
  const timer = manualLater();
  const baseline = createBaselineModel({
    tokens,
    engine: { ...localBaselineEngine(), ...options.engine },
    store,
    download: (file) => downloads.push(file),
    tool: { name: 'jwt-lens', version: '0.0.0-test' },
    policy: signal(DEFAULT_POLICY),
    later: timer.later,
  });
  const driftIds = () =>
    tokens.result.value.findings.map((f) => f.ruleId).filter((id) => id.startsWith('drift-'));
  return { tokens, frame, downloads, store, baseline, timer, driftIds };
}

describe('baseline model: save and import', () => {
  it('saves a baseline learned from the capture: kept, stored as the file’s text and downloaded', async () => {
    const { tokens, baseline, downloads, store } = await setup();
    tokens.importHar(demo, 'demo.har');
    const outcome = await baseline.save();
    expect(outcome).toEqual({
      ok: true,
      message: 'Saved as baseline: 6 profiles from 9 tokens; downloaded jwt-baseline.json',
    });
    const file = downloads[0];
    expect(file?.filename).toBe('jwt-baseline.json');
    expect(file?.mime).toBe('application/json');
    expect(store.value).toBe(file?.text);
    expect(baseline.kept.value?.text).toBe(file?.text);
    expect(baseline.kept.value?.baseline.learnedFrom.inputs).toEqual(['demo.har']);
  });

  it('names every input like the CLI: HAR files by name, live capture by its page, pasted tokens', async () => {
    const { tokens, baseline } = await setup();
    tokens.importHar(demo, 'a.har');
    tokens.importHar(demo, 'b.har');
    tokens.importHar(demo, 'a.har');
    tokens.pasteToken(readFileSync('test/fixtures/tokens.txt', 'utf8').split('\n')[0] ?? '');
    await baseline.save();
    expect(baseline.kept.value?.baseline.learnedFrom.inputs).toEqual(['a.har', 'b.har', 'pasted tokens']);
    tokens.clear();
    expect(tokens.inputs()).toEqual([]);
  });

  it('imports the CLI’s file, keeps its exact text, and reads the kept one back when the panel opens', async () => {
    const first = await setup();
    first.tokens.importHar(demo, 'demo.har');
    await first.baseline.save();
    const text = first.downloads[0]?.text ?? '';
    const edited = text.replace('"tokens": 9', '"tokens": 9 ');
    const { baseline, store } = await setup();
    expect(await baseline.importFile(edited, 'jwt-baseline.json')).toEqual({
      ok: true,
      message: 'Imported baseline jwt-baseline.json (6 profiles from 9 tokens)',
    });
    expect(store.value).toBe(edited);
    const reopened = await setup({ stored: edited });
    expect(reopened.baseline.kept.value).toBeNull();
    await reopened.baseline.load();
    expect(reopened.baseline.kept.value?.text).toBe(edited);
  });

  it('gives a bad file the CLI’s one-line error, and keeps the baseline it had', async () => {
    const { tokens, baseline, store } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    const before = store.value;
    for (const bad of ['{"baselineVersion": 1,', '{"baselineVersion": 2}', '[]', '']) {
      const parsed = parseBaseline(bad, 'b.json');
      if (!('error' in parsed)) throw new Error('expected a bad file');
      expect(await baseline.importFile(bad, 'b.json')).toEqual({ ok: false, error: parsed.error });
    }
    expect(store.value).toBe(before);
    expect(baseline.kept.value?.text).toBe(before);
  });

  it('never throws on any file: it is imported, or refused with one line naming the file', async () => {
    const { baseline } = await setup();
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom('{"baselineVersion":1', '{"baselineVersion":1,"profiles":[{}]}', '\uFEFF{}'),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const outcome = await baseline.importFile(text, 'b.json');
        if (!outcome.ok) {
          expect(outcome.error.startsWith('b.json')).toBe(true);
          expect(outcome.error).not.toMatch(/[\r\n]/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a file larger than it keeps, before reading it', async () => {
    const { baseline, store } = await setup();
    const huge = `{"baselineVersion":1,"pad":"${'x'.repeat(MAX_BASELINE_BYTES)}"}`;
    const outcome = await baseline.importFile(huge, 'big.json');
    expect(outcome).toMatchObject({ ok: false });
    expect(!outcome.ok && outcome.error).toMatch(
      /^big\.json is 2\.0 MiB: the panel keeps a baseline of at most 2\.0 MiB/,
    );
    expect(store.value).toBeUndefined();
    expect(baseline.kept.value).toBeNull();
  });

  it('keeps a baseline for the session when the browser refuses to store it, and says so', async () => {
    const { tokens, baseline } = await setup({
      store: {
        save: async () => {
          throw new Error('QUOTA_BYTES quota exceeded');
        },
      },
    });
    tokens.importHar(demo, 'demo.har');
    const outcome = await baseline.save();
    expect(outcome).toMatchObject({ ok: false });
    expect(!outcome.ok && outcome.error).toMatch(
      /could not be saved in the browser: kept for this session only$/,
    );
    expect(baseline.kept.value).not.toBeNull();
  });

  it('ignores a stored value that is not a baseline (an older version’s, or damaged)', async () => {
    const { baseline } = await setup({ stored: '{"not": "a baseline"}' });
    await baseline.load();
    expect(baseline.kept.value).toBeNull();
  });
});

describe('baseline model: compare', () => {
  it('finds no drift on the capture it was learned from', async () => {
    const { tokens, baseline, driftIds } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    expect(await baseline.compare()).toEqual({
      ok: true,
      message: 'Comparing with the baseline: 0 drift findings',
    });
    expect(driftIds()).toEqual([]);
  });

  it('shows drift findings with the others, under the Drift filter, and drops them when it stops', async () => {
    const { tokens, baseline, driftIds } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    tokens.clear();
    tokens.importHar(drifted, 'drifted.har');
    const outcome = await baseline.compare();
    expect(outcome.ok && outcome.message).toMatch(/^Comparing with the baseline: [1-9]\d* drift findings?$/);
    expect(driftIds()).toContain('drift-new-recipient-host');
    const finding = tokens.result.value.findings.find((f) => f.ruleId === 'drift-new-recipient-host');
    expect(finding?.evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['expected', 'seen']));
    expect(finding?.evidence.find((e) => e.label === 'seen')?.value).toContain('api.elsewhere.example');
    const all = tokens.result.value.tokens;
    tokens.setFilters({ drift: true });
    expect(tokens.visible.value.length).toBeGreaterThan(0);
    expect(tokens.visible.value.length).toBeLessThan(all.length);
    expect(baseline.stopComparing()).toEqual({ ok: true, message: 'Stopped comparing with the baseline' });
    expect(driftIds()).toEqual([]);
    expect(baseline.comparing.value).toBe(false);
    expect(tokens.result.value.findings.length).toBeGreaterThan(0);
  });

  it('recomputes drift once capture goes quiet, and only publishes when the drift changed', async () => {
    const { tokens, baseline, timer, driftIds } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    await baseline.compare();
    expect(driftIds()).toEqual([]);
    tokens.importHar(drifted, 'drifted.har');
    expect(timer.pending().map((j) => j.ms)).toContain(DRIFT_QUIET_MS);
    timer.fire();
    await baseline.refresh();
    expect(driftIds()).toContain('drift-new-recipient-host');
    const published = tokens.result.value;
    await baseline.refresh();
    expect(tokens.result.value).toBe(published);
  });

  it('says so when the drift cannot be computed (the worker failed), instead of reporting none', async () => {
    const { tokens, baseline } = await setup({
      engine: {
        driftHits: async () => {
          throw new Error('the worker failed');
        },
      },
    });
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    expect(await baseline.compare()).toEqual({
      ok: false,
      error: 'Comparing with the baseline: the drift could not be computed.',
    });
  });

  it('forgets: no drift, nothing kept, nothing stored, and Compare says there is no baseline', async () => {
    const { tokens, baseline, store, driftIds } = await setup();
    tokens.importHar(drifted, 'drifted.har');
    const other = await setup();
    other.tokens.importHar(demo, 'demo.har');
    await other.baseline.save();
    await baseline.importFile(other.downloads[0]?.text ?? '', 'jwt-baseline.json');
    await baseline.compare();
    expect(driftIds().length).toBeGreaterThan(0);
    expect(await baseline.forget()).toEqual({ ok: true, message: 'Forgot the baseline' });
    expect(driftIds()).toEqual([]);
    expect(baseline.kept.value).toBeNull();
    expect(store.value).toBeUndefined();
    expect(await baseline.compare()).toEqual({ ok: false, error: 'No baseline: save or import one first.' });
  });

  it('learns without the drift findings shown while comparing (as jwt-lens baseline sees the capture)', async () => {
    const { tokens, baseline, downloads } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    const plain = downloads[0]?.text;
    tokens.clear();
    tokens.importHar(drifted, 'demo.har');
    await baseline.compare();
    await baseline.save();
    const whileComparing = downloads[1]?.text;
    await baseline.stopComparing();
    await baseline.save();
    expect(whileComparing).toBe(downloads[2]?.text);
    expect(whileComparing).not.toBe(plain);
  });
});

describe('Drift filter', () => {
  it('keeps only tokens with a drift finding', async () => {
    const { tokens, baseline } = await setup();
    tokens.importHar(demo, 'demo.har');
    await baseline.save();
    tokens.clear();
    tokens.importHar(drifted, 'drifted.har');
    await baseline.compare();
    const result = tokens.result.value;
    const index = new Map<string, typeof result.findings>();
    for (const f of result.findings) index.set(f.fingerprint, [...(index.get(f.fingerprint) ?? []), f]);
    const kept = listRecords(result.tokens, index, {
      text: '',
      severity: '',
      host: '',
      rule: '',
      order: 'seen',
      drift: true,
    });
    expect(kept.length).toBeGreaterThan(0);
    for (const record of kept)
      expect(index.get(record.token.fingerprint)?.some((f) => f.ruleId.startsWith('drift-'))).toBe(true);
    const others = result.tokens.filter((r) => !kept.includes(r));
    expect(others.length).toBeGreaterThan(0);
    for (const record of others)
      expect(index.get(record.token.fingerprint)?.some((f) => f.ruleId.startsWith('drift-')) ?? false).toBe(
        false,
      );
  });
});
