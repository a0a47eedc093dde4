/** A UTF-16 surrogate with no partner: not encodable as UTF-8, so it cannot reach the report as it is. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * Characters HTML forbids in text (C0 controls but tab, line feed and carriage return; DEL and the C1
 * controls; HTML Living Standard §13.2.2 "control" parse errors), built from code points so the source
 * holds no control literals. Shown as U+FFFD so a reader sees that something was there.
 */
const FORBIDDEN = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(8)}\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]`,
  'g',
);
/** Markup-significant characters, plus the two JavaScript line terminators (harmless here, but inert as references). */
const SPECIAL = /[&<>"'\u2028\u2029]/g;
const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/**
 * The one escaping function of the HTML report: any string from traffic (token contents, URLs, claim
 * values, finding details) becomes text that cannot open or close an element, an attribute or a comment,
 * valid in both element content and a double- or single-quoted attribute value. Lone surrogates and
 * forbidden controls become U+FFFD, so the output is always well-formed UTF-8.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(FORBIDDEN, '\uFFFD')
    .replace(SPECIAL, (c) => ENTITY[c] ?? '\uFFFD');
}
