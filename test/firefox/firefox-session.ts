import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireFirefox } from './find-firefox';
import { connectMarionette, type MarionetteClient } from './marionette';

/**
 * Headless Firefox driven over Marionette, with the extension installed as a temporary add-on.
 *
 * Why Marionette: the extension's DevTools page and panel live inside the DevTools toolbox, which is
 * browser chrome, out of reach of WebDriver BiDi (it only sees web content). Marionette's chrome
 * context can open the toolbox, select the panel and run scripts inside extension pages through its
 * own `MarionetteCommands` window actor (registered for every frame, extension processes included).
 * Firefox only grants that with `-remote-allow-system-access`.
 */
export interface FirefoxSession {
  marionette: MarionetteClient;
  /** The add-on id Firefox reports after installing (the manifest's gecko id). */
  addonId: string;
  /** Firefox's stdout and stderr so far, for failure messages. */
  log(): string;
  /** Runs `body` (the inside of an async function, with `args`) in the browser's chrome and returns its value. */
  chrome<T>(body: string, args?: unknown[]): Promise<T>;
  /** Runs `body` in the inspected tab (web content). */
  content<T>(body: string, args?: unknown[]): Promise<T>;
  /** Loads `url` in the inspected tab and waits for its load event. */
  navigate(url: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Prefs for a quiet, offline profile. Marionette adds its own recommended automation prefs (no updates,
 * no safe-browsing downloads, no first-run pages); these cover what a fresh profile would still fetch.
 */
const PREFS: Record<string, string | number | boolean> = {
  'marionette.port': 0, // any free port; Firefox writes it to <profile>/MarionetteActivePort
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  // Opening the toolbox must not move focus to a separate window or ask anything.
  'devtools.toolbox.host': 'bottom',
  'devtools.everOpened': true,
};

function userJs(): string {
  return Object.entries(PREFS)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

async function waitForPort(profile: string, firefox: ChildProcess, log: () => string, timeoutMs: number) {
  const file = join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (/^\d+$/.test(text)) return Number(text);
    if (firefox.exitCode !== null)
      throw new Error(`Firefox exited (${firefox.exitCode}) before Marionette started:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`Marionette did not start within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Wraps a function body so that its value (or error) comes back through Marionette's async callback. */
function asyncScript(body: string): string {
  return `const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
(async (...args) => {
${body}
})(...args).then((value) => done({ ok: true, value }), (error) => done({ ok: false, error: String(error) + '\\n' + (error && error.stack || '') }));`;
}

/** Launches Firefox headless with a throwaway profile and installs `extensionDir` as a temporary add-on. */
export async function startFirefoxSession(extensionDir: string): Promise<FirefoxSession> {
  const executable = requireFirefox();
  const profile = mkdtempSync(join(tmpdir(), 'jwt-lens-firefox-'));
  writeFileSync(join(profile, 'user.js'), userJs());
  const firefox = spawn(
    executable,
    [
      '--headless',
      '--marionette',
      '-remote-allow-system-access',
      '--no-remote',
      '--profile',
      profile,
      'about:blank',
    ],
    { env: { ...process.env, MOZ_HEADLESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  firefox.stdout?.on('data', append);
  firefox.stderr?.on('data', append);
  const log = () => output;
  const exited = new Promise<void>((resolve) => firefox.once('exit', () => resolve()));

  const stop = async () => {
    if (firefox.exitCode === null) {
      firefox.kill('SIGTERM');
      const timer = setTimeout(() => firefox.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    const port = await waitForPort(profile, firefox, log, 60_000);
    const marionette = await connectMarionette(port);
    await marionette.send('WebDriver:NewSession', {
      capabilities: { alwaysMatch: { acceptInsecureCerts: false } },
    });
    const installed = await marionette.send<{ value: string }>('Addon:Install', {
      path: extensionDir,
      temporary: true,
    });

    let context: 'chrome' | 'content' = 'content';
    const switchTo = async (where: 'chrome' | 'content') => {
      if (context === where) return;
      await marionette.send('Marionette:SetContext', { value: where });
      context = where;
    };
    const run = async <T>(where: 'chrome' | 'content', body: string, args: unknown[]): Promise<T> => {
      await switchTo(where);
      const reply = await marionette.send<{ value: { ok: boolean; value?: T; error?: string } }>(
        'WebDriver:ExecuteAsyncScript',
        { script: asyncScript(body), args, scriptTimeout: 60_000 },
      );
      if (!reply.value.ok) throw new Error(`script failed in ${where}: ${reply.value.error}`);
      return reply.value.value as T;
    };

    return {
      marionette,
      addonId: installed.value,
      log,
      chrome: (body, args = []) => run('chrome', body, args),
      content: (body, args = []) => run('content', body, args),
      async navigate(url) {
        await switchTo('content');
        await marionette.send('WebDriver:Navigate', { url });
      },
      async close() {
        try {
          await Promise.race([
            marionette.send('Marionette:Quit', { flags: ['eForceQuit'] }),
            new Promise((r) => setTimeout(r, 5_000)),
          ]);
        } catch {
          // The connection drops as Firefox quits; stop() below makes sure it is gone.
        }
        marionette.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
