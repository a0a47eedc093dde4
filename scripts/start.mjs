// @ts-check
/**
 * `npm start`: build the extension, start the demo app on 127.0.0.1 and open Chromium with the extension
 * loaded and DevTools showing the JWT Lens panel on the demo.
 *
 * Without a display (no DISPLAY/WAYLAND_DISPLAY) or with `--headless`, it drives the panel headless
 * instead: exports the JSON report, screenshots the panel into ./jwt-lens-demo/ and prints a summary.
 * The browser is the system Chromium/Chrome (CHROMIUM_PATH overrides); nothing is downloaded.
 *
 * The browser driving is the e2e harness's own code (test/harness/*.ts), loaded through Vite's module
 * runner, so the demo and the tests cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = resolve(process.cwd(), 'jwt-lens-demo');
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** @param {string} file - a harness module, relative to the repository root */
async function loadHarness(file) {
  const { module } = await runnerImport(join(ROOT, file), {
    configFile: false,
    root: ROOT,
    logLevel: 'error',
  });
  return module;
}

function buildExtension() {
  console.log('Building the extension (dist/chrome)…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the extension build failed (see above)');
}

/** @param {Record<string, unknown>} summary */
function formatSummary(summary) {
  const counts = SEVERITIES.map((s) => `${s} ${Number(summary[s] ?? 0)}`).join(', ');
  return `${Number(summary.findings ?? 0)} findings on ${Number(summary.tokens ?? 0)} tokens (${counts})`;
}

async function main() {
  const args = process.argv.slice(2);
  const headless = args.includes('--headless') || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
  const { requireBrowser } = await loadHarness('test/harness/find-browser.ts');
  let browser = '';
  try {
    browser = requireBrowser();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  buildExtension();
  const demo = await loadHarness('test/harness/demo-run.ts');
  if (!headless) {
    console.log(`Opening ${browser} with JWT Lens loaded…`);
    await demo.runInteractiveDemo((/** @type {string} */ line) => console.log(line));
    return 0;
  }
  console.log(`No display: running the demo headless with ${browser}…`);
  const result = await demo.runHeadlessDemo(OUT_DIR);
  console.log(`Report:     ${relative(process.cwd(), result.reportPath)}`);
  console.log(`Screenshot: ${relative(process.cwd(), result.screenshotPath)}`);
  console.log(`Summary:    ${formatSummary(result.summary)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
