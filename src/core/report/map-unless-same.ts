import { setMember } from '../token/safe-json';
import type { JsonObject } from '../types';

/**
 * Copy-on-write maps over JSON trees: the redaction passes leave most branches as they were, and then
 * hand back the very object they were given instead of a copy. Their results are read-only.
 */

/** `items.map(map)`, or `items` itself when every item maps to itself. */
export function mapUnlessSame(items: readonly unknown[], map: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const mapped = map(item);
    if (out === undefined && mapped !== item) out = items.slice(0, i);
    out?.push(mapped);
  }
  return out ?? (items as unknown[]);
}

/**
 * A copy of an object with each key and value mapped (as own data members, `__proto__` too), or the
 * object itself when every key and value maps to itself.
 */
export function mapEntriesUnlessSame(
  object: object,
  mapKey: (key: string) => string,
  mapValue: (value: unknown, key: string) => unknown,
): object {
  const entries = Object.entries(object);
  let out: JsonObject | undefined;
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i] as [string, unknown];
    const name = mapKey(key);
    const mapped = mapValue(value, key);
    if (out === undefined && (name !== key || mapped !== value)) {
      out = {};
      for (let j = 0; j < i; j++) setMember(out, ...(entries[j] as [string, unknown]));
    }
    if (out !== undefined) setMember(out, name, mapped);
  }
  return out ?? object;
}
