import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import type { CaptureHit, TokenRecord } from '../../src/core/types';
import { createWorkerBridge } from '../../src/devtools/worker-bridge';

const record = (fingerprint: string): TokenRecord =>
  ({
    token: { fingerprint, text: '', kind: 'jws', segments: [], errors: [], warnings: [] },
    sightings: [],
    purpose: 'unknown',
  }) as TokenRecord;

/** A worker whose signature checks answer only when the test says so. */
function slowWorker() {
  const gates: Array<() => void> = [];
  return {
    gates,
    worker: {
      checkSignatures: vi.fn(
        ({ records }: { records: TokenRecord[] }) =>
          new Promise<{ hits: CaptureHit[]; unverifiable: string[] }>((resolve) => {
            gates.push(() =>
              resolve({
                hits: records.map((r) => ({
                  ruleId: 'sig-unverifiable',
                  fingerprint: r.token.fingerprint,
                  detail: '',
                })),
                unverifiable: [],
              }),
            );
          }),
      ),
      findSecrets: vi.fn(async () => ({ hits: [], tokens: 0, groups: 0 })),
    },
  };
}

describe('worker bridge: settle', () => {
  it('checks new tokens at once, without waiting for capture to go quiet, and resolves when they reported', async () => {
    const { worker, gates } = slowWorker();
    const bridge = createWorkerBridge(worker);
    const added: CaptureHit[] = [];
    const stop = bridge.attach({
      result: signal(0),
      records: () => [record('a')],
      keyDocuments: () => [],
      addHits: (hits) => added.push(...hits),
    });
    let settled = false;
    const done = bridge.settle().then(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    expect(settled).toBe(false);
    gates[0]?.();
    await done;
    expect(added.map((h) => h.ruleId)).toEqual(['sig-unverifiable']);
    stop();
  });

  it('waits for a check already under way, then checks what came meanwhile', async () => {
    const { worker, gates } = slowWorker();
    const bridge = createWorkerBridge(worker);
    let records = [record('a')];
    const added: CaptureHit[] = [];
    const stop = bridge.attach({
      result: signal(0),
      records: () => records,
      keyDocuments: () => [],
      addHits: (hits) => added.push(...hits),
    });
    const first = bridge.settle();
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    records = [record('a'), record('b')];
    let settled = false;
    const second = bridge.settle().then(() => {
      settled = true;
    });
    gates[0]?.();
    await first;
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    expect(settled).toBe(false);
    gates[1]?.();
    await second;
    expect(added.map((h) => h.fingerprint)).toEqual(['a', 'b']);
    stop();
  });
});
