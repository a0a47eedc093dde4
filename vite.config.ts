import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * Browser build of the extension (`npm run build:ext` → dist/chrome/). Always `vite build`: crxjs dev mode
 * serves scripts from http://localhost, which the extension's CSP (connect-src 'none') rightly blocks.
 *
 * Build-time environment:
 * - `JWT_LENS_OUT_DIR`: write somewhere else (the e2e tests build a leaky variant into a temp dir).
 * - `JWT_LENS_LEAK_URL`: a deliberately leaky build that fires an Image beacon at this URL from the devtools
 *   page. Only the zero-egress test uses it, to prove that test can fail. Empty in every real build.
 */
const outDir = process.env.JWT_LENS_OUT_DIR || 'dist/chrome';
const leakUrl = process.env.JWT_LENS_LEAK_URL ?? '';

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  define: { __JWT_LENS_LEAK_URL__: JSON.stringify(leakUrl) },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome121',
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
});
