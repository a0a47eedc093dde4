/**
 * A JSON writer for files people review and diff: one fact per line. Objects and arrays short enough are
 * written on one line (`"RS256": { "firstSeen": "…", "lastSeen": "…" }`, `"audiences": ["api"]`);
 * longer ones, and the containers named in `expand` (maps with one entry per fact), one member per line.
 * Keys are written in the order `order` gives (known keys first, in the order listed, then the rest in
 * code-point order), so the same value always gives the same bytes.
 */
export interface JsonLinesOptions {
  /** Line width a one-line container must fit in, indentation and key included. */
  width: number;
  /** Keys whose (object or array) value is always written one member per line. */
  expand: ReadonlySet<string>;
  /** Known keys in the order they are written; other keys follow in code-point order. */
  order: readonly string[];
  /** Keys whose object value is a map (claim names, algorithms…): its keys in code-point order only. */
  maps: ReadonlySet<string>;
}

/** The key the top-level value is written under: list it in `expand` to write the root one member per line. */
export const ROOT = '$root';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function writeJsonLines(value: unknown, options: JsonLinesOptions): string {
  const rank = new Map(options.order.map((key, i) => [key, i]));
  const keysOf = (object: Record<string, Json>, key: string) =>
    Object.keys(object).sort((a, b) => {
      const map = options.maps.has(key);
      const [x, y] = map ? [0, 0] : [rank.get(a) ?? Infinity, rank.get(b) ?? Infinity];
      return x !== y ? x - y : a < b ? -1 : a > b ? 1 : 0;
    });
  const inline = (v: Json, key: string): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((item) => inline(item, '')).join(', ')}]`;
    const keys = keysOf(v, key);
    if (keys.length === 0) return '{}';
    return `{ ${keys.map((k) => `${JSON.stringify(k)}: ${inline(v[k] as Json, k)}`).join(', ')} }`;
  };
  const write = (v: Json, indent: string, lead: string, key: string): string => {
    const one = inline(v, key);
    const forced = options.expand.has(key);
    const empty = one === '[]' || one === '{}';
    if (v === null || typeof v !== 'object' || empty || (!forced && (lead + one).length <= options.width))
      return one;
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      const items = v.map((item) => inner + write(item, inner, inner, ''));
      return `[\n${items.join(',\n')}\n${indent}]`;
    }
    const members = keysOf(v, key).map((k) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return head + write(v[k] as Json, inner, head, k);
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  };
  return `${write(JSON.parse(JSON.stringify(value)) as Json, '', '', ROOT)}\n`;
}
