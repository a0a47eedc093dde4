// @ts-check
/**
 * `npm run package` (after the two extension builds): store-ready archives in dist/packages/
 * - jwt-lens-chrome-<version>.zip: dist/chrome as the Chrome Web Store wants it (manifest.json at the root);
 * - jwt-lens-firefox-<version>.zip: dist/firefox, likewise for addons.mozilla.org;
 * - jwt-lens-source-<version>.zip: what AMO asks for when the add-on is bundled and minified: the
 *   sources, the lock file and build instructions (BUILDING-FIREFOX.md), nothing built or installed.
 *
 * Options: --out-dir <dir> (default dist/packages), --chrome-dir <dir>, --firefox-dir <dir>.
 * The archives are reproducible (scripts/zip.mjs): same files in, same bytes out.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createZip } from './zip.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What the source archive holds: everything `npm ci && npm run build:firefox` reads, plus the docs.
 * Tests, benchmarks, fixtures and tooling configs are left out: a reviewer does not need them to
 * reproduce the build.
 */
export const SOURCE_PATHS = [
  'src',
  'public',
  'scripts',
  'manifest.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'vite.firefox.config.ts',
  'vite.cli.config.ts',
  'README.md',
  'PRIVACY.md',
  'LICENSE',
];

/** Never packaged: dependencies, build output, VCS and editor litter. */
const SKIPPED_NAMES = new Set(['node_modules', 'dist', '.git', '.DS_Store', 'Thumbs.db']);

/**
 * Every file under `dir` as a zip entry named relative to `base`, skipping dotfiles and SKIPPED_NAMES.
 * @param {string} dir
 * @param {string} base
 * @returns {{ name: string, data: Buffer }[]}
 */
function collectFiles(dir, base) {
  /** @type {{ name: string, data: Buffer }[]} */
  const files = [];
  const stat = statSync(dir);
  if (stat.isFile()) return [{ name: relative(base, dir).split(sep).join('/'), data: readFileSync(dir) }];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || SKIPPED_NAMES.has(name)) continue;
    files.push(...collectFiles(join(dir, name), base));
  }
  return files;
}

/**
 * The built extension in `dir`, checked for what a store would reject or we would regret shipping.
 * @param {string} dir
 * @param {string} label
 * @param {string} root the repository it was built from
 */
function extensionFiles(dir, label, root) {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `${label}: no manifest.json in ${dir}; build it first (npm run build:ext / build:firefox)`,
    );
  }
  const files = collectFiles(dir, dir);
  const maps = files.filter((f) => f.name.endsWith('.map'));
  if (maps.length > 0) {
    throw new Error(
      `${label}: source maps in the build (${maps[0]?.name}); the store build must not have them`,
    );
  }
  // A development build (NODE_ENV other than production) compiles JSX with absolute source paths.
  const leaky = files.find((f) => /\.(js|html|css)$/.test(f.name) && f.data.includes(root));
  if (leaky) {
    throw new Error(
      `${label}: ${leaky.name} contains the local path ${root} (a development build?); rebuild`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return { files, version: String(manifest.version) };
}

/** @param {string} nodeVersion @param {string} npmEngines */
function buildInstructions(nodeVersion, npmEngines) {
  return `# Building JWT Lens for Firefox from this archive

This archive holds the sources of the JWT Lens add-on. The submitted add-on is TypeScript bundled and
minified by Vite; this file says how to rebuild it exactly.

## Requirements

- Linux, macOS or Windows
- Node.js ${npmEngines} (the package was built with Node.js ${nodeVersion}) and the npm that comes with it
- Network access to the npm registry (for \`npm ci\`)

## Steps

\`\`\`sh
npm ci
npm run build:firefox
\`\`\`

The add-on is written to \`dist/firefox/\`; its files are the contents of the submitted
\`jwt-lens-firefox-<version>.zip\`, byte for byte.

## What is where

- \`manifest.json\`: the one manifest; \`scripts/firefox-manifest.ts\` derives Firefox's from it
  (gecko id, minimum version, data-collection declaration; Chromium-only keys dropped).
- \`vite.config.ts\`, \`vite.firefox.config.ts\`: the build (Vite with @crxjs/vite-plugin and Preact).
- \`src/devtools/\`: the DevTools page that registers the panel; \`src/panel/\`: the panel (Preact);
  \`src/worker/\`: the Web Worker for slow checks; \`src/core/\`: the audit engine shared with the CLI.
  The HMAC engine's WebAssembly module is generated at run time from TypeScript
  (\`src/core/secrets/wasm/\`), hence \`'wasm-unsafe-eval'\` in the extension's CSP; nothing is fetched.
- Third-party code comes only from the npm packages pinned in \`package-lock.json\`.
`;
}

/**
 * Writes the three archives.
 * @param {{ outDir?: string, chromeDir?: string, firefoxDir?: string, root?: string }} [options]
 * @returns {{ file: string, entries: number, bytes: number }[]}
 */
export function packageAll(options = {}) {
  const root = options.root ?? ROOT;
  const outDir = resolve(options.outDir ?? join(root, 'dist/packages'));
  const chrome = extensionFiles(resolve(options.chromeDir ?? join(root, 'dist/chrome')), 'Chrome', ROOT);
  const firefox = extensionFiles(resolve(options.firefoxDir ?? join(root, 'dist/firefox')), 'Firefox', ROOT);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [label, version] of [
    ['dist/chrome', chrome.version],
    ['dist/firefox', firefox.version],
  ]) {
    if (version !== pkg.version) {
      throw new Error(
        `${label} is version ${version} but package.json says ${pkg.version}: keep manifest.json and package.json in step`,
      );
    }
  }

  const sources = SOURCE_PATHS.filter((p) => existsSync(join(root, p))).flatMap((p) =>
    collectFiles(join(root, p), root),
  );
  sources.push({
    name: 'BUILDING-FIREFOX.md',
    data: Buffer.from(buildInstructions(process.version, pkg.engines?.node ?? '20 or later'), 'utf8'),
  });

  // SOURCE_DATE_EPOCH (reproducible-builds.org) dates the entries; otherwise the DOS epoch.
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : undefined;
  mkdirSync(outDir, { recursive: true });
  const version = pkg.version;
  return [
    [`jwt-lens-chrome-${version}.zip`, chrome.files],
    [`jwt-lens-firefox-${version}.zip`, firefox.files],
    [`jwt-lens-source-${version}.zip`, sources],
  ].map(([name, files]) => {
    const file = join(outDir, /** @type {string} */ (name));
    const entries = /** @type {{ name: string, data: Buffer }[]} */ (files);
    const zip = createZip(entries, date ? { date } : {});
    writeFileSync(file, zip);
    return { file, entries: entries.length, bytes: zip.length };
  });
}

function main() {
  const { values } = parseArgs({
    options: {
      'out-dir': { type: 'string' },
      'chrome-dir': { type: 'string' },
      'firefox-dir': { type: 'string' },
    },
  });
  const written = packageAll({
    outDir: values['out-dir'],
    chromeDir: values['chrome-dir'],
    firefoxDir: values['firefox-dir'],
  });
  for (const { file, entries, bytes } of written) {
    console.log(`${relative(process.cwd(), file)}  ${entries} files, ${(bytes / 1024).toFixed(1)} KiB`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
