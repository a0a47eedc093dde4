import { sanitize } from '../core/report/sanitize';
import type { JsonObject, ParsedToken, TokenRecord } from '../core/types';

/** Claims holding NumericDates (RFC 7519 §4.1.4–4.1.6, OIDC Core §2 and §5.1). */
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);
const TOP_LEVEL_NUMBER = /^ {2}"([^"]+)": (-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(,?)$/;

/**
 * A token for reading in a terminal: kind and fingerprint, the header and the claims as formatted
 * JSON with every time claim annotated (ISO and relative to the reference time), the nested token if
 * any, and parse errors. Everything is sanitized: a claim cannot carry terminal escape sequences.
 */
export function formatDecoded(record: TokenRecord, now: number): string {
  const lines = [
    `${record.token.kind.toUpperCase()} token, fingerprint ${record.token.fingerprint}, purpose: ${record.purpose}`,
  ];
  lines.push(...tokenSections(record.token, now, ''));
  return `${lines.map(sanitizeLine).join('\n')}\n`;
}

function tokenSections(token: ParsedToken, now: number, indent: string): string[] {
  const out: string[] = [];
  if (token.errors.length) {
    out.push('', `${indent}Problems`, ...token.errors.map((e) => `${indent}  - ${e}`));
  }
  if (token.header) out.push('', `${indent}Header`, ...indentLines(pretty(token.header, now), indent));
  if (token.claims) out.push('', `${indent}Claims`, ...indentLines(pretty(token.claims, now), indent));
  else if (token.kind === 'jwe')
    out.push('', `${indent}Claims: encrypted (JWE), not readable without the key`);
  else if (token.payloadProblem) out.push('', `${indent}Payload: ${token.payloadProblem}`);
  if (token.nested) {
    out.push('', `${indent}Nested token (${token.nested.kind}, fingerprint ${token.nested.fingerprint})`);
    out.push(...tokenSections(token.nested, now, `${indent}  `));
  }
  return out;
}

/** Pretty JSON with `// 2025-03-14T09:30:00.000Z (expires in 4 min)` after each top-level time claim. */
function pretty(object: JsonObject, now: number): string[] {
  return JSON.stringify(object, null, 2)
    .split('\n')
    .map((line) => {
      const match = TOP_LEVEL_NUMBER.exec(line);
      if (!match || !TIME_CLAIMS.has(match[1] ?? '')) return line;
      return `${line}  // ${describeTime(match[1] ?? '', Number(match[2]), now)}`;
    });
}

/** `2025-03-14T09:30:00.000Z (expired 2 h ago)`. */
export function describeTime(claim: string, seconds: number, now: number): string {
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return 'not a usable time';
  const iso = new Date(seconds * 1000).toISOString();
  const delta = seconds - now;
  const span = formatSpan(Math.abs(delta));
  if (claim === 'exp') return `${iso} (${delta <= 0 ? `expired ${span} ago` : `expires in ${span}`})`;
  if (claim === 'nbf' && delta > 0) return `${iso} (not valid for another ${span})`;
  if (Math.abs(delta) < 1) return `${iso} (now)`;
  return `${iso} (${delta < 0 ? `${span} ago` : `in ${span}`})`;
}

/** A duration in the largest unit that fits: `45 s`, `4 min`, `2 h`, `3 days`, `2 years`. */
export function formatSpan(seconds: number): string {
  const units: [number, string][] = [
    [365 * 86400, 'year'],
    [86400, 'day'],
    [3600, 'h'],
    [60, 'min'],
  ];
  for (const [size, name] of units) {
    if (seconds < size) continue;
    const n = Math.floor(seconds / size);
    return (name === 'year' || name === 'day') && n !== 1 ? `${n} ${name}s` : `${n} ${name}`;
  }
  return `${Math.floor(seconds)} s`;
}

function indentLines(lines: string[], indent: string): string[] {
  return indent ? lines.map((l) => `${indent}${l}`) : lines;
}

/** Keeps indentation, drops control characters (JSON already escapes C0; C1 and U+2028 it does not). */
function sanitizeLine(line: string): string {
  const lead = /^ */.exec(line)?.[0] ?? '';
  return lead + sanitize(line.slice(lead.length));
}
