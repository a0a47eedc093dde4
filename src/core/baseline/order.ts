/** Code-point order, the same on every machine and locale (never `localeCompare`: a baseline is diffed). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct values in code-point order. */
export function sortedValues<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort(compareText);
}

/** `record[key]` when it is the record's own (a claim named `toString` is not `Object.prototype`'s). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The same record with its keys in code-point order. Built with `Object.fromEntries`, which defines own
 * properties: a claim named `__proto__` (hostile tokens have them) stays a key, not a prototype.
 */
export function sortRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
