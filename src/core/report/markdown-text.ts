import { sanitize } from './sanitize';

/** Escapes text from traffic so it renders literally, on one line, even inside a table cell. */
export function escapeText(text: string): string {
  return sanitize(text).replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}

/** An inline code span that survives backticks and pipes in its content. */
export function code(text: string): string {
  const clean = sanitize(text).replace(/\|/g, '\\|');
  if (clean === '') return '` `';
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
