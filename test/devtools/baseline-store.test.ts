import { describe, expect, it } from 'vitest';
import { BASELINE_KEY, createBaselineStore } from '../../src/devtools/baseline-store';
import { SETTINGS_KEY } from '../../src/devtools/settings-store';

/** `storage.local` in memory, as the extension API behaves: get by key, set items, remove a key. */
function fakeStorage() {
  const items = new Map<string, unknown>();
  return {
    items,
    local: {
      get: async (key: string) => (items.has(key) ? { [key]: items.get(key) } : {}),
      set: async (next: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(next)) items.set(k, v);
      },
      remove: async (key: string) => {
        items.delete(key);
      },
    },
  };
}

describe('baseline store (storage.local)', () => {
  it('keeps one baseline under its own key, beside the settings, and removes only it', async () => {
    const storage = fakeStorage();
    storage.items.set(SETTINGS_KEY, { policy: {} });
    const store = createBaselineStore(storage);
    expect(await store.load()).toBeUndefined();
    await store.save('{"baselineVersion": 1}\n');
    await store.save('{"baselineVersion": 1, "second": true}\n');
    expect(await store.load()).toBe('{"baselineVersion": 1, "second": true}\n');
    expect([...storage.items.keys()].sort()).toEqual([BASELINE_KEY, SETTINGS_KEY].sort());
    await store.remove();
    expect(await store.load()).toBeUndefined();
    expect(storage.items.has(SETTINGS_KEY)).toBe(true);
  });

  it('passes a refusal to save on (the panel says the baseline is kept for the session only)', async () => {
    const storage = fakeStorage();
    storage.local.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await expect(createBaselineStore(storage).save('x')).rejects.toThrow('QUOTA_BYTES');
  });
});
