import { pickExecutable } from '../harness/executables';

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

/** `FIREFOX_PATH` when set (and then only it, so a typo is not silently replaced), else the first candidate. */
export function requireFirefox(env: Record<string, string | undefined> = process.env): string {
  const path = pickExecutable(env.FIREFOX_PATH, FIREFOX_CANDIDATES);
  if (!path) throw new Error(FIREFOX_INSTALL_HINT);
  return path;
}
