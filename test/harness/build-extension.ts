import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where `npm run build:ext` writes the extension. */
export const DEFAULT_EXTENSION_DIR = join(ROOT, 'dist/chrome');
const INPUTS = ['src', 'public', 'manifest.json', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds the extension with Vite into `outDir` (synchronously; it takes a second or two). */
export function buildExtension(outDir: string, env: Record<string, string> = {}): void {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    {
      cwd: ROOT,
      // Vitest sets NODE_ENV=test; inherited, it makes a JSX development build (with local source paths)
      // instead of the production build that ships.
      env: { ...process.env, ...env, NODE_ENV: 'production', JWT_LENS_OUT_DIR: outDir },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`extension build failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
}

/** Takes a cross-process lock (two test files may start at once) and releases it after `fn`. */
async function withLock<T>(name: string, fn: () => T): Promise<T> {
  const lock = join(ROOT, 'dist', `.${name}.lock`);
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (Date.now() > deadline || age > 120_000) {
        rmSync(lock, { recursive: true, force: true });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Makes sure `dist/chrome` holds a build at least as new as its sources, building it when not (so
 * `npx vitest run test/e2e` works without a prior `npm run build:ext`). Returns the directory.
 */
export async function ensureExtensionBuilt(): Promise<string> {
  const manifest = join(DEFAULT_EXTENSION_DIR, 'manifest.json');
  const isFresh = () =>
    existsSync(manifest) &&
    statSync(manifest).mtimeMs >= Math.max(...INPUTS.map((p) => newestMtime(join(ROOT, p))));
  if (isFresh()) return DEFAULT_EXTENSION_DIR;
  await withLock('build-ext', () => {
    if (!isFresh()) buildExtension(DEFAULT_EXTENSION_DIR);
  });
  return DEFAULT_EXTENSION_DIR;
}
