import { signal } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureHit, KeyDocument, TokenRecord } from '../../src/core/types';
import { createWorkerBridge, QUIET_MS } from '../../src/devtools/worker-bridge';

const record = (fingerprint: string): TokenRecord =>
  ({
    token: { fingerprint, text: '', kind: 'jws', segments: [], errors: [], warnings: [] },
    sightings: [],
    purpose: 'unknown',
  }) as TokenRecord;
const hit = (ruleId: string, fingerprint: string): CaptureHit => ({ ruleId, fingerprint, detail: '' });

function fakeModel(initial: TokenRecord[]) {
  let records = initial;
  let keyDocuments: readonly KeyDocument[] = [];
  const result = signal(0);
  const added: CaptureHit[] = [];
  return {
    added,
    set(next: TokenRecord[]) {
      records = next;
      result.value += 1;
    },
    /** A capture that brought key documents (as the model's auditor reports them: a new array). */
    addKeys(documents: KeyDocument[]) {
      keyDocuments = [...keyDocuments, ...documents];
      result.value += 1;
    },
    model: {
      result,
      records: () => records,
      keyDocuments: () => keyDocuments,
      addHits: (hits: readonly CaptureHit[]) => added.push(...hits),
    },
  };
}

function fakeWorker() {
  return {
    checkSignatures: vi.fn(async ({ records }: { records: TokenRecord[] }) => ({
      hits: records.map((r) => hit('sig-unverifiable', r.token.fingerprint)),
      unverifiable: records.map((r) => r.token.fingerprint),
    })),
    findSecrets: vi.fn(async ({ records }: { records: TokenRecord[] }) => ({
      hits: records
        .filter((r) => r.token.fingerprint.startsWith('weak'))
        .map((r) => hit('hmac-weak-secret', r.token.fingerprint)),
      tokens: records.length,
      groups: records.length,
    })),
  };
}

const jwks: KeyDocument = {
  kind: 'jwks',
  url: 'https://issuer.test/.well-known/jwks.json',
  requestId: 'r9',
  json: { keys: [{ kty: 'EC' }] },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createWorkerBridge', () => {
  it('checks each token once, after capture has been quiet', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    const bridge = createWorkerBridge(worker);
    const { model, added, set } = fakeModel([record('weak-1'), record('strong-1')]);
    const stop = bridge.attach(model);
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    expect(worker.findSecrets).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(added.map((h) => h.ruleId).sort()).toEqual([
      'hmac-weak-secret',
      'sig-unverifiable',
      'sig-unverifiable',
    ]);
    set([record('weak-1'), record('strong-1'), record('weak-2')]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(worker.findSecrets).toHaveBeenCalledTimes(2);
    expect(worker.findSecrets.mock.calls[1]?.[0].records.map((r) => r.token.fingerprint)).toEqual(['weak-2']);
    stop();
  });

  it('re-checks tokens without a key when a key set shows up, without repeating sig-unverifiable', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    const bridge = createWorkerBridge(worker);
    const { model, added, addKeys } = fakeModel([record('rs-1')]);
    bridge.attach(model);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    worker.checkSignatures.mockResolvedValueOnce({ hits: [hit('sig-invalid', 'rs-1')], unverifiable: [] });
    addKeys([jwks]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(worker.checkSignatures).toHaveBeenCalledTimes(2);
    expect(worker.checkSignatures.mock.calls[1]?.[0]).toMatchObject({
      keyDocuments: [{ kind: 'jwks', requestId: 'r9' }],
    });
    expect(added.map((h) => h.ruleId)).toEqual(['sig-unverifiable', 'sig-invalid']);
  });

  it('checks new tokens with the key documents the model already holds, and re-checks only when they change', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    const bridge = createWorkerBridge(worker);
    const { model, set, addKeys } = fakeModel([]);
    bridge.attach(model);
    addKeys([jwks]); // a HAR import brings its key set and its tokens in one capture
    set([record('rs-1')]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(worker.checkSignatures).toHaveBeenCalledTimes(1);
    expect(worker.checkSignatures.mock.calls[0]?.[0]).toMatchObject({
      records: [{ token: { fingerprint: 'rs-1' } }],
      keyDocuments: [{ kind: 'jwks', requestId: 'r9' }],
    });
    set([record('rs-1')]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(worker.checkSignatures).toHaveBeenCalledTimes(1);
  });

  it('checks tokens again after a clear brings them back', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    const bridge = createWorkerBridge(worker);
    const { model, set } = fakeModel([record('weak-1')]);
    bridge.attach(model);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    set([]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    set([record('weak-1')]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(worker.findSecrets).toHaveBeenCalledTimes(2);
  });

  it('runs a loaded wordlist on every token and says what it did', async () => {
    const worker = fakeWorker();
    worker.findSecrets.mockResolvedValueOnce({
      hits: [hit('hmac-weak-secret', 'x')],
      tokens: 4,
      groups: 2,
      words: 10,
    } as never);
    const bridge = createWorkerBridge(worker);
    await expect(bridge.onWordlist('a\nb', 'list.txt')).resolves.toBe('The panel is not ready yet.');
    const { model, added } = fakeModel([record('x'), record('y')]);
    bridge.attach(model);
    await expect(bridge.onWordlist('a\nb', 'list.txt')).resolves.toBe(
      'Wordlist list.txt: 10 words tried on 4 HS tokens, 1 cracked',
    );
    expect(worker.findSecrets).toHaveBeenCalledWith({
      records: model.records(),
      wordlist: { name: 'list.txt', text: 'a\nb' },
    });
    expect(added.map((h) => h.ruleId)).toEqual(['hmac-weak-secret']);
  });

  it('keeps checking after a worker failure', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    worker.checkSignatures.mockRejectedValueOnce(new Error('worker crashed'));
    const bridge = createWorkerBridge(worker);
    const { model, set, added } = fakeModel([record('a')]);
    bridge.attach(model);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    set([record('a'), record('weak-b')]);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
    expect(added.some((h) => h.fingerprint === 'weak-b')).toBe(true);
  });
});
