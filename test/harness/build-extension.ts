import { join } from 'node:path';
import { CHROME_BUILD, ensureBuilt, ROOT, viteBuild } from './builds';

/** Where `npm run build:ext` writes the extension. */
export const DEFAULT_EXTENSION_DIR = join(ROOT, CHROME_BUILD.outDir);

/**
 * Builds the Chromium extension with Vite into `outDir` (synchronously; a second or two). `env` adds
 * build-time switches, e.g. JWT_LENS_LEAK_URL for the deliberately leaky canary build.
 */
export function buildExtension(outDir: string, env: Record<string, string> = {}): void {
  viteBuild(CHROME_BUILD.config, ROOT, { ...env, JWT_LENS_OUT_DIR: outDir });
}

/**
 * Makes sure `dist/chrome` holds a build at least as new as its sources, building it when not (so
 * `npx vitest run test/e2e` works without a prior `npm run build:ext`). Returns the directory.
 */
export function ensureExtensionBuilt(): Promise<string> {
  return ensureBuilt(CHROME_BUILD);
}
