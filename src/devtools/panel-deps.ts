import browser from 'webextension-polyfill';
import type { PanelDeps, PanelHandle } from '../panel/mount';
import { createCoreWorker } from '../worker/create-core-worker';
import { createBaselineStore } from './baseline-store';
import { createDevtoolsSource, type DevtoolsApi } from './devtools-source';
import { createSettingsStore } from './settings-store';
import { createWorkerBridge } from './worker-bridge';
import { createWorkerImporter } from './worker-importer';

/** The panel's dependencies, plus `attach`, which hands the mounted panel's tokens to the core worker. */
export interface BrowserPanelDeps extends PanelDeps {
  attach(handle: PanelHandle): () => void;
}

/**
 * What the panel page needs from the browser, built from the extension APIs. The only module the panel
 * loads that touches `browser.*` (boot.ts imports it lazily); webextension-polyfill passes Chromium's
 * native promise-based `browser` through and wraps older Chrome. Usage:
 * `const deps = await createPanelDeps(); deps.attach(mountPanel(root, deps));`
 */
export async function createPanelDeps(): Promise<BrowserPanelDeps> {
  const themeName = browser.devtools.panels.themeName;
  const source = createDevtoolsSource(browser.devtools as unknown as DevtoolsApi);
  const worker = createCoreWorker();
  const bridge = createWorkerBridge(worker.rpc.methods);
  addEventListener('pagehide', () => worker.terminate());
  return {
    source,
    settings: createSettingsStore(browser.storage),
    onWordlist: bridge.onWordlist,
    importer: createWorkerImporter(worker.rpc.methods),
    baseline: {
      engine: worker.rpc.methods,
      store: createBaselineStore(browser.storage),
      settleChecks: bridge.settle,
    },
    ...(typeof themeName === 'string' ? { themeName } : {}),
    attach: (handle) => bridge.attach(handle.tokens),
  };
}
