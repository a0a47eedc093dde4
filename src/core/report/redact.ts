/**
 * Redaction for everything that leaves the engine (reports, exports, terminal output). The promise is
 * total by default: no token signature, no full token text, no PII claim value, wherever it hides
 * (a URL query, a cookie name, a finding's detail). Hosts opt out only with an explicit "include raw".
 */

/** Longest header segment kept in a masked token; a `jwk`/`x5c` header can run to kilobytes. */
const MAX_HEADER_CHARS = 120;
/** Payload characters kept: enough to show `eyJzdWIi` (`{"sub"`), too few to carry a claim value. */
const PAYLOAD_PREFIX_CHARS = 8;
/** Shortest segment worth scrubbing on its own; shorter ones would match innocent words. */
const MIN_SECRET_SEGMENT = 8;

const COMPACT_RUN = /[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+/g;
const SEGMENT_RUN = /[A-Za-z0-9_-]{8,}/g;
const COMPACT_ONLY = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+$/;

/**
 * The masked form of a token: the header segment kept (it names the algorithm and key, which reviewers
 * need), the payload cut to a short prefix, the signature dropped. `eyJhbGciOiJIUzI1NiJ9.eyJzdWIi…`.
 * Text that is not dot-separated keeps only a short prefix and its length.
 */
export function maskToken(text: string): string {
  const segments = text.split('.');
  if (segments.length < 2) {
    return text.length <= 8 ? '…' : `${text.slice(0, 4)}…(${text.length} chars)`;
  }
  const header = segments[0] ?? '';
  const head = header.length > MAX_HEADER_CHARS ? `${header.slice(0, MAX_HEADER_CHARS)}…` : header;
  // A JWE's second to fifth segments are key, IV, ciphertext and tag: nothing a reader needs.
  if (segments.length === 5) return `${head}.…`;
  const payload = segments[1] ?? '';
  return `${head}.${payload.length > PAYLOAD_PREFIX_CHARS ? `${payload.slice(0, PAYLOAD_PREFIX_CHARS)}…` : '…'}`;
}

/**
 * Masks a personal or secret value: the first two characters and an ellipsis, enough to tell two values
 * apart in a review, not enough to recover them. E-mail addresses keep the shape `al…@ex…`.
 */
export function maskValue(value: string): string {
  const at = value.indexOf('@');
  if (at > 0 && at < value.length - 1) return `${prefix(value.slice(0, at))}@${prefix(value.slice(at + 1))}`;
  return prefix(value);
}

function prefix(value: string): string {
  return value.length <= 4 ? '…' : `${value.slice(0, 2)}…`;
}

/** Replaces every known token (and every signature or payload segment of one) inside a string. */
export type Scrubber = (text: string) => string;

/**
 * Builds a scrubber for the given token texts and extra literal secrets (PII values). Lookups are by
 * hash map over the base64url runs of each string, so scrubbing stays linear in the report's size even
 * with many thousands of tokens; only tokens with characters outside base64url fall back to a scan.
 */
export function createScrubber(tokenTexts: Iterable<string>, secrets: Iterable<string> = []): Scrubber {
  const whole = new Map<string, string>();
  const segments = new Map<string, string>();
  const odd: string[] = [];
  for (const text of tokenTexts) {
    if (COMPACT_ONLY.test(text)) whole.set(text, maskToken(text));
    else if (text.length >= MIN_SECRET_SEGMENT) odd.push(text);
    addSegments(text, segments);
  }
  const literals = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const token of odd) if (out.includes(token)) out = out.split(token).join(maskToken(token));
    if (whole.size > 0) out = out.replace(COMPACT_RUN, (run) => replaceCompact(run, whole));
    if (segments.size > 0) out = out.replace(SEGMENT_RUN, (run) => segments.get(run) ?? run);
    for (const literal of literals)
      if (out.includes(literal)) out = out.split(literal).join(maskValue(literal));
    return out;
  };
}

/** Signature and payload segments are secret on their own too (a detail may quote just one). */
function addSegments(text: string, into: Map<string, string>): void {
  const parts = text.split('.');
  if (parts.length < 2) {
    if (text.length >= MIN_SECRET_SEGMENT && !/\s/.test(text)) into.set(text, maskToken(text));
    return;
  }
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.length >= MIN_SECRET_SEGMENT)
      into.set(part, i === 1 && parts.length === 3 ? `${part.slice(0, 8)}…` : '…');
  }
}

/** A run of base64url segments may hold a token plus neighbours (`a.b.c.` at a sentence end). */
function replaceCompact(run: string, whole: Map<string, string>): string {
  const direct = whole.get(run);
  if (direct !== undefined) return direct;
  const parts = run.split('.');
  for (let size = Math.min(5, parts.length); size >= 2; size--) {
    for (let start = 0; start + size <= parts.length; start++) {
      const candidate = parts.slice(start, start + size).join('.');
      const masked = whole.get(candidate);
      if (masked === undefined) continue;
      const before = parts.slice(0, start).join('.');
      const after = parts.slice(start + size).join('.');
      return `${before}${start > 0 ? '.' : ''}${masked}${start + size < parts.length ? '.' : ''}${after}`;
    }
  }
  return run;
}
