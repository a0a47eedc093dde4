import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'dist/cli/main.js');

/** Newest modification time under a folder, to notice a bundle older than its sources. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

/**
 * Builds the CLI bundle behind `bin/jwt-lens.js` when it is missing or older than src/cli or src/core,
 * so a spawned `jwt-lens` runs the code under test (`npm test` builds first; a lone `vitest run` may not).
 */
export function ensureCliBundle(): void {
  const stale =
    !existsSync(BUNDLE) ||
    statSync(BUNDLE).mtimeMs < Math.max(newest(join(ROOT, 'src/cli')), newest(join(ROOT, 'src/core')));
  if (stale)
    execFileSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], { cwd: ROOT, stdio: 'pipe' });
}
