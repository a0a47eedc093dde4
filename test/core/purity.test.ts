import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine runs unchanged in the panel, a Web Worker, the CLI and the tests, so `src/core` may import
 * only itself and jose, and may not touch browser, DOM or Node globals. The tsconfig for core (lib
 * WebWorker, no types) catches most of this at compile time; this test catches the rest by reading source.
 */
const CORE = join(import.meta.dirname, '../../src/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const FORBIDDEN_GLOBALS = [
  /\bchrome\.[a-z]/,
  /\bbrowser\.[a-z]/,
  /\bdocument\./,
  /\bwindow\./,
  /\blocalStorage\./,
  /\bprocess\./,
  /\bBuffer\./,
  /\brequire\(/,
  /\bfetch\(/,
  /\bXMLHttpRequest\b/,
  /\bWebSocket\b/,
  /\bimportScripts\(/,
  /\bconsole\./,
];

/** Source with comments and string contents blanked out: data such as weak-secret seeds may mention `process.env`. */
function stripComments(text: string): string {
  // One pass, leftmost match wins, so a quote inside a comment or `//` inside a string is read correctly.
  return text.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g,
    (m) => (m.startsWith('/') ? '' : "''"),
  );
}

describe('src/core purity', () => {
  const files = sourceFiles(CORE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports only src/core and jose', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/gm,
      )) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        if (spec === 'jose' || spec.startsWith('.')) continue;
        offenders.push(`${relative(CORE, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('uses no browser, DOM or Node globals', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const pattern of FORBIDDEN_GLOBALS) {
        if (pattern.test(code)) offenders.push(`${relative(CORE, file)} uses ${pattern.source}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('never leaves a relative import outside src/core', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s*['"](\.[^'"]+)['"]/g)) {
        const target = join(file, '..', match[1] ?? '');
        if (relative(CORE, target).startsWith('..')) offenders.push(`${relative(CORE, file)} → ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
