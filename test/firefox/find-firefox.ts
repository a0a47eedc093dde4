import { accessSync, constants } from 'node:fs';

/** Where Firefox lives on Debian/Ubuntu, ESR first (the one CI installs). */
export const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox',
];

/** What to tell someone whose machine has no Firefox; the Firefox tests fail with it rather than skip. */
export const FIREFOX_INSTALL_HINT =
  'No Firefox found. Install it (Debian: `sudo apt-get install -y firefox-esr`; .ci/run does this) ' +
  'or point FIREFOX_PATH at a Firefox binary (version 142 or later).';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `FIREFOX_PATH` when set (and then only it, so a typo is not silently replaced), else the first candidate. */
export function requireFirefox(env: Record<string, string | undefined> = process.env): string {
  const override = env.FIREFOX_PATH?.trim();
  const path = override ? (isExecutable(override) ? override : null) : FIREFOX_CANDIDATES.find(isExecutable);
  if (!path) throw new Error(FIREFOX_INSTALL_HINT);
  return path;
}
