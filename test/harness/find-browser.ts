import { pickExecutable } from './executables';

/** Where Chromium/Chrome usually live on Linux, in order of preference (the real binary before wrappers). */
export const BROWSER_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

/** What to tell someone whose machine has no browser; the e2e tests fail with it rather than skip. */
export const BROWSER_INSTALL_HINT =
  'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
  'or point CHROMIUM_PATH at a Chromium/Chrome binary.';

/**
 * The browser to drive: `CHROMIUM_PATH` when set (and then only it, so a typo is not silently replaced),
 * else the first executable candidate; `null` when there is none.
 */
export function findBrowser(env: Record<string, string | undefined> = process.env): string | null {
  return pickExecutable(env.CHROMIUM_PATH, BROWSER_CANDIDATES);
}

/** Like {@link findBrowser} but throws the install hint: a test without a browser must fail, not skip. */
export function requireBrowser(env: Record<string, string | undefined> = process.env): string {
  const path = findBrowser(env);
  if (path) return path;
  const override = env.CHROMIUM_PATH?.trim();
  throw new Error(
    override
      ? `CHROMIUM_PATH=${override} is not an executable file. ${BROWSER_INSTALL_HINT}`
      : BROWSER_INSTALL_HINT,
  );
}
