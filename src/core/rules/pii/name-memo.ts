/** Distinct names kept by a memo before it starts over: names come from untrusted tokens and traffic. */
const MAX_NAMES = 4096;

/**
 * Memoises `compute` per name: claim names repeat across tokens, host names across requests. Bounded:
 * at MAX_NAMES entries the memo is emptied, so a capture full of random names costs recomputation,
 * never unbounded memory.
 */
export function memoByName<T>(compute: (name: string) => T): (name: string) => T {
  const memo = new Map<string, T>();
  return (name) => {
    let value = memo.get(name);
    if (value === undefined) {
      value = compute(name);
      if (memo.size >= MAX_NAMES) memo.clear();
      memo.set(name, value);
    }
    return value;
  };
}
