import type { JsonObject } from '../types';
import { findDuplicateKeys } from './duplicate-keys';
import { MAX_JSON_DEPTH } from './limits';

/** What a JSON value is, for "payload is a JSON array, not a claims object". */
export type JsonKind = 'array' | 'string' | 'number' | 'boolean' | 'null';

export type JsonObjectResult =
  | { ok: true; value: JsonObject; warnings: string[] }
  | { ok: false; syntaxError: string }
  | { ok: false; found: JsonKind };

/** Placeholder for values nested past `MAX_JSON_DEPTH`, so claim walkers never recurse without bound. */
export const TOO_DEEP = '[nested too deep]';

/** Keys that mean something to JavaScript objects: a token carrying them is probing for prototype pollution. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many warnings of one sort per JSON text: a crafted token must not flood the report. */
const MAX_KEY_WARNINGS = 10;

interface CopyState {
  keys: number;
  tooDeep: boolean;
  /** Created on the first one found: nearly every JSON text has none. */
  prototypeKeys: Set<string> | undefined;
}

/**
 * Turns a JSON.parse result into null-prototype objects (so `claims.constructor` is never `Object`),
 * counting keys and cutting nesting at `MAX_JSON_DEPTH`. Objects and arrays are rewritten in place: they
 * are fresh from JSON.parse and nobody else holds them. Dropping the prototype in place keeps V8's fast
 * properties, which every rule then reads; a copy into `Object.create(null)` is a slow dictionary object.
 */
function copyValue(value: unknown, depth: number, state: CopyState): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_JSON_DEPTH) {
    state.tooDeep = true;
    return TOO_DEEP;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = copyValue(value[i], depth + 1, state);
    return value;
  }
  const out = value as JsonObject;
  Object.setPrototypeOf(out, null);
  // Three lookups per object instead of a set lookup per key; the keys are listed only when one is there.
  if (
    Object.hasOwn(out, '__proto__') ||
    Object.hasOwn(out, 'constructor') ||
    Object.hasOwn(out, 'prototype')
  ) {
    state.prototypeKeys ??= new Set();
    for (const key of Object.keys(out)) if (PROTOTYPE_KEYS.has(key)) state.prototypeKeys.add(key);
  }
  // for-in over a null-prototype object visits exactly its own keys, in Object.keys order, without
  // allocating the key array.
  for (const key in out) {
    state.keys++;
    // JSON.parse defines `__proto__` as an own data property, so reading and writing it stays own data.
    const member = out[key];
    if (typeof member === 'object' && member !== null) out[key] = copyValue(member, depth + 1, state);
  }
  return out;
}

/**
 * An upper bound on the members written in `text`: colons right after a quote or whitespace. A member's
 * colon always is (`"key" :`), while colons inside URLs and times (`https:`, `12:30`) are not counted.
 */
function countMemberColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (before === 0x22 || before === 0x20 || before === 0x0a || before === 0x0d || before === 0x09) n++;
  }
  return n;
}

function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonKind;
}

/** Engine messages quote the input (`"…" is not valid JSON`): keep the reason, drop the token's content. */
function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .replace(/,\s*(\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '')
      // Newer V8 appends "(line 1 column 36)"; the position alone reads the same on every engine version.
      .replace(/ \(line \d+ column \d+\)$/, '')
      .slice(0, 160)
      .replace(/[^\x20-\x7e]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
  );
}

function showKey(key: string): string {
  const shown = JSON.stringify(key);
  return shown.length > 66 ? `${shown.slice(0, 64)}…"` : shown;
}

function keyWarnings(label: string, text: string, state: CopyState): string[] {
  const warnings: string[] = [];
  // Fast path: if the written members are no more than the keys JSON.parse kept, none was dropped. Only
  // texts with `":` inside strings (or keys too deep to count) pay for the full scan.
  if (countMemberColons(text) > state.keys) {
    const duplicates = findDuplicateKeys(text);
    for (const key of duplicates.slice(0, MAX_KEY_WARNINGS))
      warnings.push(`${label} has duplicate key ${showKey(key)}`);
    if (duplicates.length > MAX_KEY_WARNINGS) {
      warnings.push(`${label} has ${duplicates.length - MAX_KEY_WARNINGS} more duplicate keys`);
    }
  }
  for (const key of state.prototypeKeys ?? []) {
    warnings.push(`${label} has key "${key}" (prototype-pollution probe; kept as plain data)`);
  }
  if (state.tooDeep) {
    warnings.push(`${label} nests deeper than ${MAX_JSON_DEPTH} levels; deeper values are not examined`);
  }
  return warnings;
}

/**
 * Parses untrusted JSON text that must be an object. Never throws. The object and every object inside it
 * have a null prototype; duplicate keys (last one wins, as with JSON.parse), prototype keys and deep
 * nesting come back as warnings labelled with `label` (`header`, `payload`).
 */
export function parseJsonObject(text: string, label: string): JsonObjectResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, syntaxError: describeSyntaxError(error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, found: kindOf(value) };
  const state: CopyState = { keys: 0, tooDeep: false, prototypeKeys: undefined };
  const copy = copyValue(value, 1, state) as JsonObject;
  return { ok: true, value: copy, warnings: keyWarnings(label, text, state) };
}

/**
 * Sets `key` on a JSON object as an own data property, whatever the key. Plain assignment is the same
 * own data property, several times cheaper; only `__proto__` would set the prototype instead.
 */
export function setMember(out: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  } else out[key] = value;
}
