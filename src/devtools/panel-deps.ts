import browser from 'webextension-polyfill';
import type { PanelDeps } from '../panel/mount';
import { createDevtoolsSource, type DevtoolsApi } from './devtools-source';
import { createSettingsStore } from './settings-store';

/**
 * What the panel page needs from the browser, built from the extension APIs. The only module the panel
 * loads that touches `browser.*` (boot.ts imports it lazily); webextension-polyfill passes Chromium's
 * native promise-based `browser` through and wraps older Chrome.
 */
export async function createPanelDeps(): Promise<PanelDeps> {
  const themeName = browser.devtools.panels.themeName;
  return {
    source: createDevtoolsSource(browser.devtools as unknown as DevtoolsApi),
    settings: createSettingsStore(browser.storage),
    ...(typeof themeName === 'string' ? { themeName } : {}),
  };
}
