import { isRecord } from './guards';

/** Deeper JSON is walked no further: paths would grow quadratically and real token responses are shallow. */
export const MAX_JSON_DEPTH = 64;
/** Values visited per document, so one huge array cannot dominate a capture. */
export const MAX_JSON_NODES = 200_000;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** JSONPath step for a member name: `.access_token`, or `['odd key']` when it is not an identifier. */
export function jsonPathStep(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/**
 * Calls `visit` for every string (and number) leaf of a parsed JSON value with its JSONPath (`$.a[0].b`)
 * and the member name that holds it (`''` for array items). Iterative, so depth cannot overflow the stack.
 */
export function walkJson(root: unknown, visit: (path: string, key: string, value: string) => void): void {
  const stack: { value: unknown; path: string; key: string; depth: number }[] = [
    { value: root, path: '$', key: '', depth: 0 },
  ];
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_JSON_NODES) {
    const item = stack.pop();
    if (!item) break;
    nodes++;
    const { value, path, key, depth } = item;
    if (typeof value === 'string') visit(path, key, value);
    else if (typeof value === 'number') visit(path, key, String(value));
    else if (depth >= MAX_JSON_DEPTH) continue;
    else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path: `${path}[${i}]`, key: '', depth: depth + 1 });
      }
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] ?? '';
        stack.push({ value: value[k], path: path + jsonPathStep(k), key: k, depth: depth + 1 });
      }
    }
  }
}

/** Parses JSON without throwing; `undefined` when the text is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when the text starts (after whitespace) like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length && i < 1024; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return true; // { [
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return false;
  }
  return false;
}

const KEY_BEFORE = /"((?:[^"\\]|\\.){1,128})"\s*:\s*"$/;

/**
 * For JSON too big to parse again: the member name right before a token at `index` (`"refresh_token": "eyJ`),
 * as a JSONPath descendant step `$..refresh_token`, or `undefined` if the token is not a member's value.
 */
export function nearestJsonKey(text: string, index: number): string | undefined {
  const match = KEY_BEFORE.exec(text.slice(Math.max(0, index - 160), index));
  const key = match?.[1];
  if (key === undefined) return undefined;
  const step = jsonPathStep(key);
  return step.startsWith('.') ? `$.${step}` : `$..${step}`;
}

const LAST_MEMBER = /(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|\['((?:[^'\\]|\\.)*)'\])$/;

/**
 * The member name a sighting's name ends with: `$.data.access_token` → `access_token`, `$['id-token']` →
 * `id-token`; a bare name (`refresh_token`, as loose text and forms name them) is returned as it is;
 * `''` for an array item (`$.tokens[0]`).
 */
export function lastMemberName(name: string): string {
  if (name.charCodeAt(0) !== 0x24) return name;
  const match = LAST_MEMBER.exec(name);
  if (!match) return '';
  return match[1] ?? (match[2] ?? '').replace(/\\(.)/g, '$1');
}
