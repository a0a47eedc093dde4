import { accessSync, constants } from 'node:fs';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser binary to drive: `override` (an env var's value) when set — and then only it, so a typo is
 * not silently replaced — else the first executable candidate; `null` when there is none.
 */
export function pickExecutable(override: string | undefined, candidates: readonly string[]): string | null {
  const path = override?.trim();
  if (path) return isExecutable(path) ? path : null;
  return candidates.find(isExecutable) ?? null;
}
