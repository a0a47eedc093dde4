/**
 * Derives Firefox's manifest from the top-level manifest.json, which stays the single source: everything is
 * copied except what only Chromium understands, and Gecko's own settings are added.
 */

/** The add-on id Firefox and addons.mozilla.org know the extension by; it must never change once published. */
export const GECKO_ID = 'jwt-lens@jwt-lens.dev';

/**
 * 142 is the first desktop and Android release that reads `data_collection_permissions`; with an older
 * minimum, web-ext lint warns that part of the user base never sees the data-collection declaration.
 * It also covers everything else the build relies on (MV3 devtools pages, module workers,
 * `'wasm-unsafe-eval'` in the extension CSP).
 */
export const GECKO_MIN_VERSION = '142.0';

/** Keys only Chromium reads; Firefox's linter flags them as unknown. */
const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version', 'key', 'update_url', 'offline_enabled'] as const;

type Manifest = Record<string, unknown>;

/**
 * Returns Firefox's manifest for `source` (not modified). Typed as the source's own type so it can go
 * wherever the source manifest goes (crxjs's manifest option).
 */
export function firefoxManifest<M extends object>(source: M): M {
  const manifest = structuredClone(source) as Manifest;
  for (const key of CHROMIUM_ONLY_KEYS) delete manifest[key];
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // The extension collects nothing and sends nothing anywhere (PRIVACY.md; the zero-egress e2e test).
      data_collection_permissions: { required: ['none'] },
    },
  };
  const background = manifest.background as Manifest | undefined;
  if (background && typeof background.service_worker === 'string') {
    // Firefox runs MV3 background code as an event page, not a service worker. The extension has no
    // background today; this keeps a future one working in both browsers from the same manifest.
    manifest.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
  }
  return manifest as M;
}
