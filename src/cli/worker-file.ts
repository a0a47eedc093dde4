import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker script built next to the CLI (`dist/cli/<name>.js`), found from the module asking (main.js or
 * a chunk under dist/cli/chunks/); `undefined` when not built (tests running the TypeScript sources).
 */
export function builtWorkerFile(name: string): URL | undefined {
  for (const relative of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
