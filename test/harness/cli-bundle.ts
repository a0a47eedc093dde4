import { CLI_BUILD, ensureBuilt } from './builds';

/**
 * Builds the CLI bundle behind `bin/jwt-lens.js` when it is missing or older than its sources, so a
 * spawned `jwt-lens` runs the code under test (`npm test` builds first; a lone `vitest run` may not).
 */
export async function ensureCliBundle(): Promise<void> {
  await ensureBuilt(CLI_BUILD);
}
