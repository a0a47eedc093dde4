import type { SettingsStore } from '../panel/capture-source';

/** The part of `browser.storage` the store uses. */
export interface StorageApi {
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
}

/** Key under which the panel's settings (the policy, options) live in `storage.local`. */
export const SETTINGS_KEY = 'jwt-lens.settings';

/**
 * Settings persisted in `storage.local` (the extension's only permission). The value loaded is returned
 * as-is: the panel validates it, since a profile can hold anything an older version wrote.
 */
export function createSettingsStore(storage: StorageApi): SettingsStore {
  return {
    async load() {
      try {
        const items = await storage.local.get(SETTINGS_KEY);
        return items?.[SETTINGS_KEY];
      } catch {
        return undefined;
      }
    },
    async save(value) {
      await storage.local.set({ [SETTINGS_KEY]: value });
    },
  };
}
