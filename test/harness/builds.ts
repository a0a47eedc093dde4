import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** One of the builds `npm run build` makes, described well enough to tell whether it is stale. */
interface BuildSpec {
  /** Lock directory name under dist/, so two test files never build the same output at once. */
  name: string;
  /** Vite config file, relative to the root. */
  config: string;
  /** Output directory, relative to the root. */
  outDir: string;
  /** A file the build always writes, relative to `outDir`: its mtime dates the build. */
  marker: string;
  /** Sources the build reads, relative to the root. */
  inputs: string[];
}

const EXTENSION_INPUTS = ['src', 'public', 'manifest.json', 'vite.config.ts', 'scripts/firefox-manifest.ts'];

export const FIREFOX_BUILD: BuildSpec = {
  name: 'build-firefox',
  config: 'vite.firefox.config.ts',
  outDir: 'dist/firefox',
  marker: 'manifest.json',
  inputs: [...EXTENSION_INPUTS, 'vite.firefox.config.ts', 'package.json'],
};

export const CHROME_BUILD: BuildSpec = {
  name: 'build-ext',
  config: 'vite.config.ts',
  outDir: 'dist/chrome',
  marker: 'manifest.json',
  inputs: [...EXTENSION_INPUTS, 'package.json'],
};

export const CLI_BUILD: BuildSpec = {
  name: 'build-cli',
  config: 'vite.cli.config.ts',
  outDir: 'dist/cli',
  marker: 'main.js',
  inputs: ['src', 'vite.cli.config.ts', 'package.json'],
};

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/**
 * Runs `vite build` with `config` (synchronously); `env` may redirect the output (JWT_LENS_*_OUT_DIR).
 * NODE_ENV is forced to production: Vitest sets it to `test`, and a build that inherits that compiles
 * JSX in development mode, embedding absolute source paths — not what `npm run build` ships.
 */
export function viteBuild(config: string, cwd = ROOT, env: Record<string, string> = {}): void {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--logLevel', 'error'],
    { cwd, env: { ...process.env, ...env, NODE_ENV: 'production' }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `vite build --config ${config} failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
    );
  }
}

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
      if (Date.now() > deadline || age > 120_000) rmSync(lock, { recursive: true, force: true });
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
 * Makes sure `spec.outDir` holds a build at least as new as its sources, building it when not, so a
 * single test file runs without a prior `npm run build`. Returns the absolute output directory.
 */
export async function ensureBuilt(spec: BuildSpec): Promise<string> {
  const outDir = join(ROOT, spec.outDir);
  const marker = join(outDir, spec.marker);
  const isFresh = () =>
    existsSync(marker) &&
    statSync(marker).mtimeMs >= Math.max(...spec.inputs.map((p) => newestMtime(join(ROOT, p))));
  if (isFresh()) return outDir;
  await withLock(spec.name, () => {
    if (!isFresh()) viteBuild(spec.config);
  });
  return outDir;
}
