import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_PUBLISH_INTERVAL_MS, SETTLE_MS } from '../../../src/panel/models/limits';
import { formatExpiry } from '../../../src/panel/models/relative-time';
import { TICK_MS } from '../../../src/panel/models/scheduler';
import { accessClaims, makeEntry, makeHar, makeToken, NOW } from '../fixtures';
import { createTestModel } from '../harness';

const alice = makeToken(accessClaims('alice'));
const bob = makeToken(accessClaims('bob'));
const none = makeToken(accessClaims('mallory'), { alg: 'none' });

function rows(model: Awaited<ReturnType<typeof createTestModel>>['model']) {
  return model.visible.value.map((record) => model.rowOf(record));
}

function ruleIds(model: Awaited<ReturnType<typeof createTestModel>>['model']): string[] {
  return model.result.value.findings.map((f) => f.ruleId);
}

describe('createTokensModel: capture', () => {
  it('captures entries into tokens and findings, published once per frame', async () => {
    const { source, model, frame } = await createTestModel();
    source.emit(makeEntry({ bearer: alice }), 'r1');
    source.emit(makeEntry({ bearer: none, url: 'http://api.example.test/x' }), 'r2');
    expect(rows(model)).toHaveLength(0);
    frame();
    expect(rows(model).map((r) => r.sub)).toEqual(['alice', 'mallory']);
    expect(ruleIds(model)).toContain('alg-none');
    expect(model.counters.value).toMatchObject({ entries: 2, tokens: 2, dropped: 0 });
    const mallory = rows(model)[1];
    expect(mallory?.severity).toBe('critical');
    expect(mallory?.where).toBe('header Authorization');
    expect(mallory?.hosts).toEqual(['api.example.test']);
  });

  it('backfills what happened before the panel opened', async () => {
    const { model, frame } = await createTestModel(
      {},
      { backfill: [{ entry: makeEntry({ bearer: bob }), requestId: 'b1' }] },
    );
    frame();
    expect(rows(model).map((r) => r.sub)).toEqual(['bob']);
  });

  it('ignores entries with an unusable request id and keeps capturing after a broken entry', async () => {
    const { source, model, frame } = await createTestModel();
    source.emit(makeEntry({ bearer: alice }), '');
    source.emit({ request: 42 }, 'bad');
    source.emit(makeEntry({ bearer: bob }), 'ok');
    frame();
    expect(rows(model).map((r) => r.sub)).toEqual(['bob']);
    expect(model.problems.value.some((p) => p.startsWith('entry bad:'))).toBe(true);
  });

  it('with steady traffic (one request a tick) republishes the audit result at most every MIN_PUBLISH_INTERVAL_MS, then shows the last', async () => {
    let ms = NOW * 1000;
    const { source, model, scheduler } = await createTestModel({ now: () => ms });
    const frame = () => scheduler.runFrame();
    let publishes = 0;
    let counterMoves = 0;
    let last = model.result.peek();
    let lastCounters = model.counters.peek();
    const count = () => {
      if (model.result.peek() !== last) publishes++;
      if (model.counters.peek() !== lastCounters) counterMoves++;
      last = model.result.peek();
      lastCounters = model.counters.peek();
    };
    const ticks = 2000 / TICK_MS;
    for (let i = 0; i < ticks; i++) {
      source.emit(makeEntry({ bearer: makeToken(accessClaims(`steady${i}`)) }), `s${i}`);
      ms += TICK_MS;
      frame();
      count();
    }
    // 2 s: ~5 publishes (one per 400 ms), not one a tick (each one redoes the whole result).
    const expected = 2000 / MIN_PUBLISH_INTERVAL_MS;
    expect(publishes).toBeGreaterThanOrEqual(expected - 1);
    expect(publishes).toBeLessThanOrEqual(expected + 1);
    // The counters move as often, not every tick, and stay current.
    expect(counterMoves).toBeGreaterThanOrEqual(expected - 1);
    expect(counterMoves).toBeLessThanOrEqual(2 * expected);
    expect(model.counters.value.entries).toBeGreaterThanOrEqual(ticks - MIN_PUBLISH_INTERVAL_MS / TICK_MS);
    for (let i = 0; i < 10; i++) {
      ms += TICK_MS;
      frame();
    }
    expect(rows(model)).toHaveLength(ticks);
    expect(model.counters.value.entries).toBe(ticks);
  });

  it('during traffic publishes drafts (capture-wide findings wait), and the exact result once it goes quiet', async () => {
    let ms = NOW * 1000;
    const { source, model, scheduler } = await createTestModel({ now: () => ms });
    const reused = () => model.result.peek().findings.filter((f) => f.ruleId === 'jti-reused').length;
    // Every token carries one jti: from the second on, jti-reused (capture-wide) applies to all of them.
    for (let i = 0; i < 30; i++) {
      source.emit(makeEntry({ bearer: makeToken(accessClaims(`j${i}`, { jti: 'same' })) }), `j${i}`);
      ms += TICK_MS;
      scheduler.runFrame();
    }
    // 1.5 s of traffic (an exact result comes at most every FULL_PUBLISH_MIN_INTERVAL_MS, 2 s): tokens are
    // listed as they arrive; the capture-wide findings are those of the first (exact) publish.
    expect(model.result.peek().tokens.length).toBeGreaterThanOrEqual(30 - MIN_PUBLISH_INTERVAL_MS / TICK_MS);
    expect(reused()).toBe(0);
    // Quiet: within SETTLE_MS (300 ms) the exact result replaces the draft.
    for (let i = 0; i < SETTLE_MS / TICK_MS + 2; i++) {
      ms += TICK_MS;
      scheduler.runFrame();
    }
    expect(model.result.peek().tokens).toHaveLength(30);
    expect(reused()).toBe(30);
    expect(scheduler.pending).toBe(0);
  });

  it('spreads a burst over several frames when capture exceeds the frame budget', async () => {
    let ms = NOW * 1000;
    const { source, model, scheduler } = await createTestModel({ now: () => (ms += 4) });
    for (let i = 0; i < 10; i++)
      source.emit(makeEntry({ bearer: makeToken(accessClaims(`u${i}`)) }), `r${i}`);
    scheduler.run();
    expect(rows(model)).toHaveLength(10);
    expect(model.counters.value.entries).toBe(10);
  });
});

describe('createTokensModel: pause, clear, preserve', () => {
  it('drops entries while paused and counts them', async () => {
    const { source, model, frame } = await createTestModel();
    model.setPaused(true);
    source.emit(makeEntry({ bearer: alice }), 'r1');
    source.emit(makeEntry({ bearer: bob }), 'r2');
    frame();
    expect(rows(model)).toHaveLength(0);
    expect(model.counters.value).toMatchObject({ droppedPaused: 2, dropped: 2 });
    model.setPaused(false);
    source.emit(makeEntry({ bearer: bob }), 'r3');
    frame();
    expect(rows(model).map((r) => r.sub)).toEqual(['bob']);
  });

  it('clear empties the list, the selection and the counters', async () => {
    const { source, model, frame } = await createTestModel();
    source.emit(makeEntry({ bearer: alice }), 'r1');
    frame();
    model.select(rows(model)[0]?.fingerprint ?? null);
    model.clear();
    expect(rows(model)).toEqual([]);
    expect(model.selected.value).toBeNull();
    expect(model.counters.value).toMatchObject({ entries: 0, tokens: 0, dropped: 0 });
  });

  it('clears on navigation unless "preserve log" is on', async () => {
    const { source, model, frame } = await createTestModel();
    source.emit(makeEntry({ bearer: alice }), 'r1');
    frame();
    model.setPreserve(true);
    source.navigate('https://app.example.test/next');
    expect(rows(model)).toHaveLength(1);
    model.setPreserve(false);
    source.navigate('https://app.example.test/again');
    expect(rows(model)).toHaveLength(0);
  });
});

describe('createTokensModel: bounded memory', () => {
  it('evicts the oldest tokens past the cap and shows the count', async () => {
    const { source, model, frame } = await createTestModel({ maxTokens: 3 });
    for (let i = 0; i < 5; i++) source.emit(makeEntry({ bearer: makeToken(accessClaims(`u${i}`)) }), `r${i}`);
    frame();
    expect(rows(model).map((r) => r.sub)).toEqual(['u2', 'u3', 'u4']);
    expect(model.counters.value.droppedTokens).toBe(2);
    expect(model.counters.value.dropped).toBeGreaterThanOrEqual(2);
  });

  it('keeps a ring of sightings per token', async () => {
    const { source, model, frame } = await createTestModel({ maxSightings: 2 });
    for (let i = 0; i < 5; i++) source.emit(makeEntry({ bearer: alice }), `r${i}`);
    frame();
    expect(model.records()[0]?.sightings.map((s) => s.requestId)).toEqual(['r3', 'r4']);
    expect(model.counters.value).toMatchObject({ sightings: 2, droppedSightings: 3 });
  });

  it('drops (and counts) a burst beyond the pending queue', async () => {
    const { source, model, frame } = await createTestModel({ maxPending: 2 });
    for (let i = 0; i < 5; i++) source.emit(makeEntry({ bearer: alice }), `r${i}`);
    frame();
    expect(model.counters.value).toMatchObject({ entries: 2, droppedBurst: 3 });
  });
});

describe('createTokensModel: filters and selection', () => {
  async function loaded() {
    const t = await createTestModel();
    t.source.emit(makeEntry({ bearer: alice, url: 'https://api.example.test/a' }), 'r1');
    t.source.emit(makeEntry({ bearer: none, url: 'https://other.example.test/b' }), 'r2');
    t.frame();
    return t;
  }

  it('filters by text, severity, host and rule', async () => {
    const { model } = await loaded();
    const subs = () => rows(model).map((r) => r.sub);
    model.setFilters({ text: 'MALLORY' });
    expect(subs()).toEqual(['mallory']);
    model.setFilters({ text: '', severity: 'critical' });
    expect(subs()).toEqual(['mallory']);
    model.setFilters({ severity: '', host: 'api.example.test' });
    expect(subs()).toEqual(['alice']);
    model.setFilters({ host: '', rule: 'alg-none' });
    expect(subs()).toEqual(['mallory']);
    expect(model.filterOptions.value.hosts).toEqual(['api.example.test', 'other.example.test']);
    expect(model.filterOptions.value.rules).toContain('alg-none');
  });

  it('orders the list as first seen, or most severe first on request (filters still apply)', async () => {
    const { model } = await loaded();
    const subs = () => rows(model).map((r) => r.sub);
    expect(subs()).toEqual(['alice', 'mallory']);
    model.setFilters({ order: 'severity' });
    expect(subs()).toEqual(['mallory', 'alice']);
    expect(rows(model)[0]?.severity).toBe('critical');
    model.setFilters({ host: 'api.example.test' });
    expect(subs()).toEqual(['alice']);
    model.setFilters({ host: '', order: 'seen' });
    expect(subs()).toEqual(['alice', 'mallory']);
  });

  it('selects a token and derives its record and findings', async () => {
    const { model } = await loaded();
    const fp = rows(model)[1]?.fingerprint ?? '';
    model.select(fp);
    expect(model.selectedRecord.value?.token.fingerprint).toBe(fp);
    expect(model.selectedFindings.value.map((f) => f.ruleId)).toContain('alg-none');
    expect(model.selectedFindings.value.every((f) => f.fingerprint === fp)).toBe(true);
  });
});

describe('createTokensModel: user inputs', () => {
  it('reports token-in-web-storage from a storage scan, once per item', async () => {
    const storage = [
      { area: 'localStorage' as const, key: 'auth', value: alice, origin: 'https://app.example.test' },
    ];
    const { model } = await createTestModel({}, { storage });
    const outcome = await model.scanStorage();
    expect(outcome).toEqual({ ok: true, message: 'Scanned 1 storage item: 1 token' });
    const finding = model.result.value.findings.find((f) => f.ruleId === 'token-in-web-storage');
    expect(finding?.severity).toBe('medium');
    await model.scanStorage();
    expect(model.records()[0]?.sightings).toHaveLength(1);
  });

  it('reports a storage scan that failed', async () => {
    const { source, model } = await createTestModel();
    source.scanStorage = async () => {
      throw new Error('no page');
    };
    expect(await model.scanStorage()).toEqual({ ok: false, error: 'Could not read the page’s storage.' });
  });

  it('audits a pasted token and selects it', async () => {
    const { model } = await createTestModel();
    expect(model.pasteToken(`Bearer ${none}`)).toEqual({ ok: true, message: 'Added 1 token' });
    expect(model.selectedRecord.value?.token.text).toBe(none);
    expect(model.selectedFindings.value.map((f) => f.ruleId)).toContain('alg-none');
    expect(model.pasteToken('   ').ok).toBe(false);
  });

  it('imports a HAR file, or says why not', async () => {
    const { model } = await createTestModel();
    const har = JSON.stringify(makeHar([makeEntry({ bearer: alice }), makeEntry({ bearer: bob })]));
    expect(model.importHar(har)).toEqual({ ok: true, message: 'Imported 2 requests, 2 tokens' });
    expect(rows(model)).toHaveLength(2);
    expect(model.importHar('[]')).toMatchObject({ ok: false });
  });

  it('streams a HAR file in, keeping its probeable requests, or says why not', async () => {
    const { model } = await createTestModel();
    const har = JSON.stringify(makeHar([makeEntry({ bearer: alice }), makeEntry({ bearer: bob })]));
    const progress: number[] = [];
    const outcome = await model.importFile(new Blob([har]), { onProgress: (bytes) => progress.push(bytes) });
    expect(outcome).toEqual({ ok: true, message: 'Imported 2 requests, 2 tokens' });
    expect(progress.at(-1)).toBe(har.length);
    expect(rows(model)).toHaveLength(2);
    expect(model.exchange('har1-1')?.request.headers[0]?.value).toBe(`Bearer ${bob}`);
    expect(await model.importFile(new Blob(['[]']))).toEqual({
      ok: false,
      error: 'not a HAR file: expected a JSON object at the top level, found an array',
    });
  });

  it('reads a small file that is not a HAR as a probe report', async () => {
    const { model } = await createTestModel();
    const report = readFileSync('test/fixtures/probe-report.json', 'utf8');
    expect(await model.importFile(new Blob([report]))).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Imported probe report/),
    });
  });

  it('says a cancelled import kept what it read', async () => {
    const { model } = await createTestModel();
    const controller = new AbortController();
    controller.abort();
    const har = JSON.stringify(makeHar([makeEntry({ bearer: alice })]));
    expect(await model.importFile(new Blob([har]), { signal: controller.signal })).toEqual({
      ok: true,
      message: 'Import cancelled: kept the 0 requests read before, 0 tokens',
    });
  });

  it('judges an imported HAR at its request times; only the relative expiry follows the clock', async () => {
    const { model } = await createTestModel();
    // Recorded a day before the panel's clock: used while valid, then once an hour after it expired.
    const dayAgo = NOW - 86_400;
    const used = makeToken(accessClaims('carol', { iat: dayAgo - 60, exp: dayAgo + 540 }));
    const late = makeToken(accessClaims('dave', { iat: dayAgo - 60, exp: dayAgo + 540 }));
    const at = (s: number) => new Date(s * 1000).toISOString();
    const har = makeHar([
      makeEntry({ bearer: used, startedAt: at(dayAgo) }),
      makeEntry({ bearer: late, startedAt: at(dayAgo + 4140) }),
    ]);
    model.importHar(JSON.stringify(har));
    const expired = model.result.value.findings.filter((f) => f.ruleId === 'exp-expired');
    expect(expired.map((f) => f.detail)).toEqual([
      `Used at ${at(dayAgo + 4140).replace('.000Z', 'Z')}, 1 h after it expired at ${at(dayAgo + 540).replace('.000Z', 'Z')} (request time).`,
    ]);
    expect(rows(model).map((r) => formatExpiry(r.exp, model.now.value))).toEqual([
      'expired 23 h ago',
      'expired 23 h ago',
    ]);
  });

  it('holds the key sets of live traffic and of an imported HAR, for the signature checks', async () => {
    const { source, model, frame } = await createTestModel();
    const keys = (url: string) => makeEntry({ url, responseJson: { keys: [{ kty: 'EC', kid: url }] } });
    source.emit(keys('https://live.example.test/jwks'), 'r1');
    frame();
    model.importHar(JSON.stringify(makeHar([keys('https://har.example.test/jwks')])));
    expect(model.keyDocuments().map((d) => [d.url, d.requestId])).toEqual([
      ['https://live.example.test/jwks', 'r1'],
      ['https://har.example.test/jwks', 'har1-0'],
    ]);
    model.clear();
    expect(model.keyDocuments()).toEqual([]);
  });

  it("prefixes an imported HAR's lifecycle exchanges like its sightings, so verdicts find their requests", async () => {
    const { model } = await createTestModel();
    const token = makeToken(accessClaims('erin'));
    const rejected = { ...makeEntry({ bearer: token }) } as Record<string, unknown>;
    rejected.response = {
      ...(rejected.response as object),
      status: 401,
      headers: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    };
    model.importHar(JSON.stringify(makeHar([rejected])));
    const [use] = model.result.value.lifecycle.uses;
    expect(use?.requestId).toBe('har1-0');
    expect(use?.verdict).toMatchObject({ verdict: 'rejected', error: 'invalid_token' });
  });

  it('stops listening on dispose', async () => {
    const { source, model, frame } = await createTestModel();
    model.dispose();
    source.emit(makeEntry({ bearer: alice }), 'r1');
    frame();
    expect(rows(model)).toHaveLength(0);
    expect(source.connected).toBe(false);
  });
});
