import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { requireBrowser } from './find-browser';

/** Options of {@link launchWithExtension}. */
export interface LaunchOptions {
  /** The unpacked extension (default `dist/chrome`). */
  extensionDir?: string;
  /** Headless (default) or a visible window. */
  headless?: boolean;
  /** Extra command-line flags. */
  args?: string[];
  /** Browser binary; default from {@link requireBrowser}. */
  executablePath?: string;
  /**
   * Open DevTools in its own window (default) rather than docked beside an empty page: the panel gets the
   * whole window, which suits screenshots and a virtualised list.
   */
  undockedDevtools?: boolean;
}

/** A launched browser and the cleanup that also removes its throwaway profile. */
export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless-safe flags that also keep Chromium from any request of its own (no extension involved). */
export const QUIET_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

/**
 * Flags known to work headless with an unpacked extension (E2E.md). The background/sync/update switches
 * keep Chromium from making requests of its own, which would muddy the zero-egress test.
 */
export function browserFlags(extensionDir: string): string[] {
  return [...QUIET_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
}

/** Seeds the fresh profile with DevTools' dock preference (DevTools stores its settings as JSON strings). */
function writeDevtoolsPreferences(userDataDir: string): void {
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  const preferences = { devtools: { preferences: { currentDockState: JSON.stringify('undocked') } } };
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
}

/** Launches the system Chromium (never downloads one) with no extension and a fresh profile, for plain pages. */
export async function launchPlain(
  options: Pick<LaunchOptions, 'executablePath'> = {},
): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jwt-lens-profile-'));
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? requireBrowser(),
    headless: true,
    userDataDir,
    args: [...QUIET_FLAGS],
    protocolTimeout: 120_000,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Launches the system Chromium (never downloads one) with the extension loaded and a fresh profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const extensionDir = resolve(options.extensionDir ?? 'dist/chrome');
  const userDataDir = mkdtempSync(join(tmpdir(), 'jwt-lens-profile-'));
  if (options.undockedDevtools ?? true) writeDevtoolsPreferences(userDataDir);
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? requireBrowser(),
    headless: options.headless ?? true,
    userDataDir,
    // puppeteer's defaults include --disable-extensions, which would refuse to load ours.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...browserFlags(extensionDir), '--window-size=1280,800', ...(options.args ?? [])],
    defaultViewport: null,
    protocolTimeout: 120_000,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
