import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/core/report/html/escape';
import { el, fragment } from '../../../src/core/report/html/markup';

/** Reads the escaped text back as an HTML parser would in element content (the five references used). */
function readBack(html: string): string {
  return html.replace(/&(?:amp|lt|gt|quot|#39|#x2028|#x2029);/g, (ref) => {
    const map: Record<string, string> = {
      '&amp;': '&',
      '&lt;': '<',
      '&gt;': '>',
      '&quot;': '"',
      '&#39;': "'",
      '&#x2028;': '\u2028',
      '&#x2029;': '\u2029',
    };
    return map[ref] ?? ref;
  });
}

/** The text after a UTF-8 round trip: lone surrogates become U+FFFD (WHATWG Encoding), all else is kept. */
function viaUtf8(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
function isForbidden(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || (code >= 0x7f && code <= 0x9f);
}

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["' onmouseover='x", '&#39; onmouseover=&#39;x'],
    ['</style><style>*{display:none}', '&lt;/style&gt;&lt;style&gt;*{display:none}'],
    ['</main><!-- -->', '&lt;/main&gt;&lt;!-- --&gt;'],
    ['a\u2028b\u2029c', 'a&#x2028;b&#x2029;c'],
    ['lone \uD800 high', 'lone \uFFFD high'],
    ['lone \uDC00 low', 'lone \uFFFD low'],
    ['reversed \uDC00\uD800', 'reversed \uFFFD\uFFFD'],
    ['pair 😀 kept', 'pair 😀 kept'],
    [
      `nul${String.fromCharCode(0)} esc${String.fromCharCode(27)}[31m c1\u0085`,
      'nul\uFFFD esc\uFFFD[31m c1\uFFFD',
    ],
    ['tab\tand\nnewline\r', 'tab\tand\nnewline\r'],
    ['&amp; already', '&amp;amp; already'],
  ])('%j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('leaves no markup character and always yields well-formed text that reads back as the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39|#x2028|#x2029);)/);
        expect(viaUtf8(out)).toBe(out);
        const clean = [...viaUtf8(text)].map((c) => (isForbidden(c) ? '\uFFFD' : c)).join('');
        expect(readBack(out)).toBe(clean);
      }),
    );
  });
});

describe('markup builder', () => {
  it('escapes every string child and attribute value, and passes built markup through', () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    const html = el(
      'p',
      { class: hostile, title: `'${hostile}` },
      hostile,
      el('code', null, '</p>'),
      7,
    ).toString();
    expect(html).toBe(
      '<p class="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" title="&#39;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">' +
        '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<code>&lt;/p&gt;</code>7</p>',
    );
  });

  it('drops empty children and malformed data attribute names', () => {
    const html = fragment(
      null,
      undefined,
      false,
      ['a', ['b']],
      el('span', { 'data-ok': 1, 'data-x y': 2 }),
    ).toString();
    expect(html).toBe('ab<span data-ok="1"></span>');
  });

  it('never takes a plain string as markup, even one that looks like markup', () => {
    expect(fragment('<b>bold</b>').toString()).toBe('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('the HTML report builds markup only through the builder', () => {
  it('calls Html.trusted nowhere but in markup.ts', () => {
    const dir = 'src/core/report/html';
    const files = [...readdirSync(dir).map((name) => `${dir}/${name}`), 'src/core/report/html.ts'];
    const callers = files.filter((file) => readFileSync(file, 'utf8').includes('Html.trusted('));
    expect(callers).toEqual([`${dir}/markup.ts`]);
  });
});
