import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILD, ensureBuilt, ROOT } from '../harness/builds';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const golden = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/demo.golden.json'), 'utf8')) as {
  tokens: Record<string, unknown>;
};

/**
 * The npm package as a user gets it: `npm pack`, installed into an empty folder with no network, then
 * run through npx. The runtime dependencies are packed from node_modules and installed beside it, so the
 * install needs neither the registry nor a warm npm cache (a fresh cache keeps the user's out of it).
 */
describe('npm pack: the CLI package works installed into an empty folder', () => {
  let work: string;
  let app: string;
  let cache: string;
  let packed: PackResult;

  /** Runs npm (or npx) with a private cache and no update check, offline. */
  const npm = (cmd: 'npm' | 'npx', args: string[], cwd: string): SpawnSyncReturns<string> =>
    spawnSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        npm_config_cache: cache,
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      },
    });

  const jwtLens = (args: string[]) => npm('npx', ['--offline', 'jwt-lens', ...args], app);

  beforeAll(async () => {
    await ensureBuilt(CLI_BUILD);
    work = mkdtempSync(join(tmpdir(), 'jwt-lens-npm-pack-'));
    cache = join(work, 'npm-cache');
    app = join(work, 'app');
    mkdirSync(app);

    const pack = npm('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    if (pack.status !== 0) throw new Error(`npm pack failed (exit ${pack.status}):\n${pack.stderr}`);
    packed = (JSON.parse(pack.stdout) as PackResult[])[0] as PackResult;

    const tarballs = [join(work, packed.filename)];
    for (const name of Object.keys(pkg.dependencies)) {
      const dep = npm(
        'npm',
        ['pack', '--json', '--pack-destination', work, join(ROOT, 'node_modules', name)],
        ROOT,
      );
      if (dep.status !== 0) throw new Error(`npm pack ${name} failed:\n${dep.stderr}`);
      tarballs.push(join(work, (JSON.parse(dep.stdout) as PackResult[])[0]?.filename ?? ''));
    }
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-folder', private: true }));
    const install = npm('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs], app);
    if (install.status !== 0)
      throw new Error(`npm install failed (exit ${install.status}):\n${install.stderr}`);
    copyFileSync(join(ROOT, 'test/fixtures/demo.har'), join(app, 'demo.har'));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the launcher, the built CLI with its worker, the schema, the README and the licence — no source map, nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/jwt-lens.js',
        'dist/cli/main.js',
        'dist/cli/crack-worker.js',
        'schema/report.schema.json',
      ]),
    );
    const unexpected = paths.filter(
      (p) =>
        !/^(package\.json|README\.md|LICENSE|bin\/jwt-lens\.js|schema\/[\w.-]+\.json|dist\/cli\/[\w./-]+\.js)$/.test(
          p,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  it('npx jwt-lens --version prints the package version', () => {
    const result = jwtLens(['--version']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('jwt-lens scan audits a HAR: JSON report, exit 0', () => {
    const result = jwtLens(['scan', 'demo.har', '--format', 'json', '--now', '2025-03-14T09:30:00Z']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      tool: { name: string; version: string };
      tokens: unknown[];
      findings: { severity: string }[];
    };
    expect(report.tool).toEqual({ name: 'jwt-lens', version: pkg.version });
    expect(report.tokens).toHaveLength(Object.keys(golden.tokens).length);
    expect(report.findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  it('jwt-lens scan --fail-on high exits 1 on the demo, and 2 on a missing file', () => {
    expect(jwtLens(['scan', 'demo.har', '--fail-on', 'high', '--format', 'json']).status).toBe(1);
    const missing = jwtLens(['scan', 'no-such.har']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such.har');
  });
});
