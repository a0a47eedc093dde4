import type { BaselineStore } from '../panel/capture-source';
import type { StorageApi } from './settings-store';

/** Key under which the panel keeps its one baseline (the file's text) in `storage.local`. */
export const BASELINE_KEY = 'jwt-lens.baseline';

/**
 * The panel's one baseline in `storage.local`, beside the settings (the panel checks its size before
 * saving). The value loaded is returned as-is: the panel parses it like an imported file.
 */
export function createBaselineStore(
  storage: StorageApi & { local: { remove(key: string): Promise<void> } },
): BaselineStore {
  return {
    async load() {
      const items = await storage.local.get(BASELINE_KEY);
      return items?.[BASELINE_KEY];
    },
    save: (text) => storage.local.set({ [BASELINE_KEY]: text }),
    remove: () => storage.local.remove(BASELINE_KEY),
  };
}
