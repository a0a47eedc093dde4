import { describe, expect, it } from 'vitest';
import { createSettingsStore, SETTINGS_KEY, type StorageApi } from '../../src/devtools/settings-store';

function fakeStorage(): StorageApi & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    local: {
      get: async (key) => (key in data ? { [key]: data[key] } : {}),
      set: async (items) => {
        Object.assign(data, items);
      },
    },
  };
}

describe('createSettingsStore', () => {
  it('round-trips a value under one key of storage.local', async () => {
    const storage = fakeStorage();
    const store = createSettingsStore(storage);
    await expect(store.load()).resolves.toBeUndefined();
    await store.save({ preserveLog: true });
    expect(Object.keys(storage.data)).toEqual([SETTINGS_KEY]);
    await expect(store.load()).resolves.toEqual({ preserveLog: true });
  });

  it('loads undefined when storage fails, instead of breaking the panel', async () => {
    const store = createSettingsStore({
      local: { get: () => Promise.reject(new Error('quota')), set: async () => undefined },
    });
    await expect(store.load()).resolves.toBeUndefined();
  });
});
