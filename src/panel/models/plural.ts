/** `1 token`, `2 tokens`: counts as the panel words them (regular plurals only). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
