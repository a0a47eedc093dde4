import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageAll } from '../../scripts/package.mjs';
import { readZip, type ZipEntry } from '../../scripts/zip.mjs';
import { CHROME_BUILD, ensureBuilt, FIREFOX_BUILD, ROOT, viteBuild } from '../harness/builds';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

function asMap(entries: ZipEntry[]): Map<string, Buffer> {
  return new Map(entries.map((e) => [e.name, e.data]));
}

/** Names no store package may contain: maps, tests, dependencies, build output, dotfiles. */
function forbidden(names: string[]): string[] {
  return names.filter(
    (n) =>
      n.endsWith('.map') ||
      /(^|\/)test\//.test(n) ||
      /\.(test|spec)\.[cm]?[jt]sx?$/.test(n) ||
      /(^|\/)(node_modules|dist|bench|coverage)\//.test(n) ||
      /(^|\/)\./.test(n),
  );
}

describe('npm run package: store zips for Chrome and Firefox, and the AMO source zip', () => {
  let out: string;
  let chromeDir: string;
  let firefoxDir: string;
  let chrome: ZipEntry[];
  let firefox: ZipEntry[];
  let source: ZipEntry[];

  beforeAll(async () => {
    chromeDir = await ensureBuilt(CHROME_BUILD);
    firefoxDir = await ensureBuilt(FIREFOX_BUILD);
    out = mkdtempSync(join(tmpdir(), 'jwt-lens-packages-'));
    // The script as `npm run package` runs it (after its two builds).
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out-dir', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`package.mjs failed (exit ${result.status}):\n${result.stderr}`);
    const read = (name: string) => readZip(readFileSync(join(out, `jwt-lens-${name}-${VERSION}.zip`)));
    chrome = read('chrome');
    firefox = read('firefox');
    source = read('source');
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('writes exactly three archives named by browser and version', () => {
    expect(readdirSync(out).sort()).toEqual(
      ['chrome', 'firefox', 'source'].map((n) => `jwt-lens-${n}-${VERSION}.zip`),
    );
  });

  it('puts each built extension in its zip file for file, manifest.json at the root', () => {
    expect(asMap(chrome)).toEqual(filesUnder(chromeDir));
    expect(asMap(firefox)).toEqual(filesUnder(firefoxDir));
    for (const zip of [chrome, firefox]) expect(zip.map((e) => e.name)).toContain('manifest.json');
  });

  it('gives each store the manifest written for it', () => {
    const manifest = (zip: ZipEntry[]) =>
      JSON.parse(asMap(zip).get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(manifest(chrome).minimum_chrome_version).toBeDefined();
    expect(manifest(chrome).browser_specific_settings).toBeUndefined();
    expect(manifest(firefox).minimum_chrome_version).toBeUndefined();
    expect(manifest(firefox).browser_specific_settings).toMatchObject({
      gecko: { id: 'jwt-lens@jwt-lens.dev', data_collection_permissions: { required: ['none'] } },
    });
    for (const zip of [chrome, firefox]) expect(manifest(zip).version).toBe(VERSION);
  });

  it('ships no source map, test, dependency, build output or dotfile in any archive', () => {
    for (const zip of [chrome, firefox, source]) expect(forbidden(zip.map((e) => e.name))).toEqual([]);
  });

  it('puts sources, the lock file and build instructions in the source zip, nothing built', () => {
    const names = source.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'BUILDING-FIREFOX.md',
        'package.json',
        'package-lock.json',
        'manifest.json',
        'vite.config.ts',
        'vite.firefox.config.ts',
        'scripts/firefox-manifest.ts',
        'src/devtools/devtools.ts',
        'src/panel/panel.html',
        'src/core/index.ts',
      ]),
    );
    expect(names.some((n) => n.startsWith('assets/'))).toBe(false);
    const instructions = asMap(source).get('BUILDING-FIREFOX.md')?.toString('utf8') ?? '';
    expect(instructions).toContain('npm ci');
    expect(instructions).toContain('npm run build:firefox');
  });

  it("rebuilds, from the source zip alone, the Firefox zip's files byte for byte", () => {
    const work = mkdtempSync(join(tmpdir(), 'jwt-lens-source-build-'));
    try {
      for (const entry of source) {
        mkdirSync(dirname(join(work, entry.name)), { recursive: true });
        writeFileSync(join(work, entry.name), entry.data);
      }
      // `npm ci` would fetch the locked packages; the repository's own node_modules are those packages.
      symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
      viteBuild('vite.firefox.config.ts', work, { JWT_LENS_FIREFOX_OUT_DIR: '' });
      expect(filesUnder(join(work, 'dist/firefox'))).toEqual(asMap(firefox));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('is reproducible: packaging the same builds again gives the same bytes', () => {
    const again = mkdtempSync(join(tmpdir(), 'jwt-lens-packages-'));
    try {
      packageAll({ outDir: again });
      for (const name of readdirSync(out)) {
        expect(readFileSync(join(again, name)).equals(readFileSync(join(out, name))), name).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('refuses a build whose version differs from package.json, a missing build and a development build', () => {
    const fakeRoot = mkdtempSync(join(tmpdir(), 'jwt-lens-fake-root-'));
    try {
      writeFileSync(join(fakeRoot, 'package.json'), JSON.stringify({ version: '99.0.0' }));
      expect(() =>
        packageAll({ root: fakeRoot, outDir: join(fakeRoot, 'out'), chromeDir, firefoxDir }),
      ).toThrow(/keep manifest\.json and package\.json in step/);
      expect(() => packageAll({ root: fakeRoot, outDir: join(fakeRoot, 'out') })).toThrow(/build it first/);
      // A development build (here NODE_ENV=test, as under Vitest) embeds local source paths.
      const devBuild = join(fakeRoot, 'dev-firefox');
      const result = spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--config',
          'vite.firefox.config.ts',
          '--logLevel',
          'error',
        ],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'test', JWT_LENS_FIREFOX_OUT_DIR: devBuild },
          encoding: 'utf8',
        },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(() => packageAll({ outDir: join(fakeRoot, 'out'), firefoxDir: devBuild })).toThrow(
        /contains the local path .* \(a development build\?\)/,
      );
    } finally {
      rmSync(fakeRoot, { recursive: true, force: true });
    }
  });
});
