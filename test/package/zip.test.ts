import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZip, readZip } from '../../scripts/zip.mjs';

const segment = fc.stringMatching(/^[\w\-. é]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const entryName = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('scripts/zip.mjs', () => {
  it('reads back every name and byte it wrote, deflated or stored', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: entryName, data: fc.uint8Array({ maxLength: 2048 }) }), {
          selector: (e) => e.name,
          maxLength: 12,
        }),
        (inputs) => {
          const entries = readZip(createZip(inputs));
          const byName = new Map(entries.map((e) => [e.name, e]));
          expect(entries.map((e) => e.name)).toEqual(inputs.map((i) => i.name).sort());
          for (const input of inputs) expect(byName.get(input.name)?.data).toEqual(Buffer.from(input.data));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('deflates what compresses and stores what does not', () => {
    const text = new TextEncoder().encode('JWT Lens '.repeat(200));
    const noise = new Uint8Array(512).map((_, i) => (i * 2654435761) >>> 24);
    const entries = readZip(
      createZip([
        { name: 'text.txt', data: text },
        { name: 'noise.bin', data: noise },
        { name: 'empty', data: new Uint8Array() },
      ]),
    );
    const method = (name: string) => entries.find((e) => e.name === name)?.method;
    expect(method('text.txt')).toBe(8);
    expect(method('noise.bin')).toBe(0);
    expect(method('empty')).toBe(0);
  });

  it('is reproducible: the same files in any order give the same bytes', () => {
    const a = { name: 'b/manifest.json', data: new TextEncoder().encode('{}') };
    const b = { name: 'a.js', data: new TextEncoder().encode('x') };
    expect(createZip([a, b]).equals(createZip([b, a]))).toBe(true);
  });

  it('refuses names that could escape the extraction folder, and duplicates', () => {
    const data = new Uint8Array([1]);
    for (const name of ['../evil', '/abs', 'a//b', 'a/./b', 'a\\b', '', 'x/..']) {
      expect(() => createZip([{ name, data }]), name).toThrow(/unsafe zip entry name/);
    }
    expect(() =>
      createZip([
        { name: 'a', data },
        { name: 'a', data },
      ]),
    ).toThrow(/duplicate/);
  });

  it('rejects a corrupted archive instead of returning wrong bytes', () => {
    const zip = createZip([{ name: 'a.txt', data: new TextEncoder().encode('hello hello hello hello') }]);
    const bad = Buffer.from(zip);
    bad[40] = (bad[40] ?? 0) ^ 0xff; // inside the deflated body
    expect(() => readZip(bad)).toThrow();
    expect(() => readZip(Buffer.from('not a zip'))).toThrow(/not a zip/);
  });

  it('writes archives that an independent reader (Python zipfile) accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-zip-'));
    try {
      const file = join(dir, 'check.zip');
      writeFileSync(
        file,
        createZip([
          { name: 'manifest.json', data: new TextEncoder().encode('{"name":"x"}') },
          { name: 'src/ünïcode.txt', data: new TextEncoder().encode('ok '.repeat(100)) },
        ]),
      );
      const script =
        'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))';
      const result = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
      expect(result.error, 'python3 is needed for this cross-check').toBeUndefined();
      expect(result.stderr).toBe('');
      expect(result.stdout.trim().split('\n')).toEqual(['manifest.json', 'src/ünïcode.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
