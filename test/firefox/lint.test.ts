import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIREFOX_BUILD, ROOT } from '../harness/builds';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  notices: LintMessage[];
  warnings: LintMessage[];
}

/**
 * `web-ext lint` (Mozilla's addons-linter, offline) over dist/firefox: what addons.mozilla.org runs on
 * upload. Errors block a listing; each remaining warning must be one we have explained.
 */
describe('Firefox: web-ext lint of dist/firefox', () => {
  let dir: string;
  let report: LintReport;

  beforeAll(async () => {
    dir = await ensureBuilt(FIREFOX_BUILD);
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
        'lint',
        '--source-dir',
        dir,
        '--output',
        'json',
        '--no-config-discovery',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, timeout: 60_000 },
    );
    const start = result.stdout.indexOf('{');
    if (start < 0)
      throw new Error(`web-ext lint printed no report (exit ${result.status}):\n${result.stderr}`);
    report = JSON.parse(result.stdout.slice(start)) as LintReport;
  }, 90_000);

  it('reports no error and no notice', () => {
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
  });

  it("warns only about Preact's own innerHTML assignment (its dangerouslySetInnerHTML support)", () => {
    // The project never renders HTML from strings (Biome's noDangerouslySetInnerHtml is an error), but the
    // linter cannot know that the one `innerHTML =` in the bundle is Preact's unused prop handler.
    for (const warning of report.warnings) {
      expect(warning.code).toBe('UNSAFE_VAR_ASSIGNMENT');
      expect(warning.file).toMatch(/^assets\/panel-[\w-]+\.js$/);
      const line =
        readFileSync(join(dir, warning.file as string), 'utf8').split('\n')[(warning.line ?? 1) - 1] ?? '';
      const near = line.slice(Math.max(0, (warning.column ?? 0) - 200), (warning.column ?? 0) + 200);
      expect(near).toContain('dangerouslySetInnerHTML');
      expect(near).toContain('.innerHTML=');
    }
    expect(report.warnings.length).toBeLessThanOrEqual(1);
  });
});
