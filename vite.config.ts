import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type UserConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { firefoxManifest } from './scripts/firefox-manifest';

/**
 * Browser builds of the extension from the same sources: Chromium (`npm run build:ext` → dist/chrome/, this
 * file's default) and Firefox (`npm run build:firefox` → dist/firefox/, vite.firefox.config.ts). Always
 * `vite build`: crxjs dev mode serves scripts from http://localhost, which the extension's CSP
 * (connect-src 'none') rightly blocks.
 *
 * Build-time environment:
 * - `JWT_LENS_OUT_DIR` (Chromium) / `JWT_LENS_FIREFOX_OUT_DIR` (Firefox): write somewhere else (the e2e
 *   tests build a leaky variant into a temp dir).
 * - `JWT_LENS_LEAK_URL`: a deliberately leaky build that fires an Image beacon at this URL from the devtools
 *   page. Only the zero-egress test uses it, to prove that test can fail. Empty in every real build.
 */
export type TargetBrowser = 'chrome' | 'firefox';

const TARGETS: Record<TargetBrowser, { outDirVariable: string; defaultOutDir: string; esTarget: string }> = {
  chrome: { outDirVariable: 'JWT_LENS_OUT_DIR', defaultOutDir: 'dist/chrome', esTarget: 'chrome121' },
  // Matches the manifest's gecko.strict_min_version (scripts/firefox-manifest.ts).
  firefox: {
    outDirVariable: 'JWT_LENS_FIREFOX_OUT_DIR',
    defaultOutDir: 'dist/firefox',
    esTarget: 'firefox142',
  },
};

export function extensionConfig(browser: TargetBrowser): UserConfig {
  const target = TARGETS[browser];
  const outDir = process.env[target.outDirVariable] || target.defaultOutDir;
  const leakUrl = process.env.JWT_LENS_LEAK_URL ?? '';
  const browserManifest = browser === 'firefox' ? firefoxManifest(manifest) : manifest;
  return {
    plugins: [preact(), crx({ manifest: browserManifest, browser })],
    define: { __JWT_LENS_LEAK_URL__: JSON.stringify(leakUrl) },
    build: {
      outDir,
      emptyOutDir: true,
      target: target.esTarget,
      sourcemap: false,
      rollupOptions: {
        // crxjs only follows HTML referenced by the manifest; the panel page is opened by
        // devtools.panels.create() at run time, so it must be an explicit entry (E2E.md).
        input: { panel: 'src/panel/panel.html' },
      },
    },
    // Vite's dev server is never used for the extension (see above); keep it local if someone starts it.
    server: { host: '127.0.0.1', strictPort: true },
    worker: { format: 'es' },
  };
}

export default defineConfig(extensionConfig('chrome'));
