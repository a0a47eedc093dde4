import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/main';
import type { JsonReport } from '../../src/core/report/report-types';
import { ensureCliBundle } from '../harness/cli-bundle';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI_LINE = 'npx jwt-lens scan app.har --fail-on high';

/** The README text from a `## ` heading to the next one. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  expect(start, `README has no "## ${heading}" section`).toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The contents of every fenced block of one language. */
function fenced(language: string): string[] {
  return [...README.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

describe('README: CLI reference', () => {
  const table = section('The CLI')
    .split('\n')
    .filter((line) => line.startsWith('| `-'));

  it('documents every option --help lists, with its short form', () => {
    for (const option of OPTIONS) {
      const flag = `${option.short ? `-${option.short}, ` : ''}--${option.name}`;
      expect(
        table.some((row) => row.startsWith(`| \`${flag}`)),
        `README's CLI table lacks ${flag}`,
      ).toBe(true);
    }
  });

  it('documents no option the CLI does not have', () => {
    const known = new Set(OPTIONS.map((o) => o.name));
    const documented = table.map((row) => /--([a-z-]+)/.exec(row)?.[1] ?? row);
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
    expect(documented).toHaveLength(OPTIONS.length);
  });
});

describe('README: JSON report', () => {
  it('summarises every top-level property of schema/report.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const text = section('The JSON report');
    expect(text).toContain('[`schema/report.schema.json`](schema/report.schema.json)');
    for (const property of Object.keys(schema.properties))
      expect(text, `README does not describe "${property}"`).toMatch(new RegExp(`\`${property}(\\[\\])?\``));
  });
});

describe('README: links', () => {
  it('links only to files that exist', () => {
    const targets = [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets).toEqual(
      expect.arrayContaining(['docs/panel.png', 'PRIVACY.md', 'SECURITY.md', 'docs/RULES.md']),
    );
    expect(targets.filter((target) => !existsSync(join(ROOT, target)))).toEqual([]);
  });
});

describe('README: the CI example fails a build on high findings', () => {
  beforeAll(ensureCliBundle);

  it('shows the same command line in the shell example and the GitHub Actions job', () => {
    expect(fenced('sh').some((block) => block.split('\n').includes(CI_LINE))).toBe(true);
    const job = fenced('yaml').find((block) => block.includes('runs-on:'));
    expect(job, 'README has no GitHub Actions job').toBeDefined();
    expect(job).toContain(`run: ${CI_LINE}\n`);
  });

  it('exits 1 when run on a capture with high findings (the demo HAR)', () => {
    // The README's line as written, with app.har standing for a fixture; --no-install keeps npx from
    // ever reaching the registry (it runs this package's own bin).
    const argv = CI_LINE.split(' ')
      .slice(1)
      .map((arg) => (arg === 'app.har' ? 'test/fixtures/demo.har' : arg));
    const result = spawnSync('npx', ['--no-install', ...argv], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary.critical + report.summary.high).toBeGreaterThan(0);
  });
});
