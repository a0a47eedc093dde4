/**
 * Redaction for everything that leaves the engine (reports, exports, terminal output). The promise is
 * total by default: no token signature, no full token text, no PII claim value, wherever it hides
 * (a URL query, a cookie name, a finding's detail). Hosts opt out only with an explicit "include raw".
 */

import { maskValue } from '../rules/pii/mask';
import { sampleHash } from '../token/sample-hash';

export { maskValue };

/** Longest header segment kept in a masked token; a `jwk`/`x5c` header can run to kilobytes. */
const MAX_HEADER_CHARS = 120;
/** Payload characters kept: enough to show `eyJzdWIi` (`{"sub"`), too few to carry a claim value. */
const PAYLOAD_PREFIX_CHARS = 8;
/** Shortest segment worth scrubbing on its own; shorter ones would match innocent words. */
const MIN_SECRET_SEGMENT = 8;

// One character class, so matching stays linear on long strings; runs without a dot are skipped.
const COMPACT_RUN = /[A-Za-z0-9_.-]+/g;
const SEGMENT_RUN = /[A-Za-z0-9_-]{8,}/g;
const LONG_RUN = /[A-Za-z0-9_-]{8}/;
/** Distinct strings remembered by a scrubber before it starts over. */
const MEMO_LIMIT = 50_000;
const COMPACT_ONLY = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+$/;

/**
 * The masked form of a token: the header segment kept (it names the algorithm and key, which reviewers
 * need), the payload cut to a short prefix, the signature dropped. `eyJhbGciOiJIUzI1NiJ9.eyJzdWIi…`.
 * Any other text (an opaque token such as `ya29.a0Af…`, a malformed line) keeps only a short prefix and
 * its length, `ya29…(183 chars)`: its first segment is no JOSE header, and may be the secret itself.
 */
export function maskToken(text: string): string {
  return maskSegments(text, text.split('.'));
}

/** `maskToken` of a text already split at its dots. */
function maskSegments(text: string, segments: readonly string[]): string {
  if (segments.length < 2 || !text.startsWith('eyJ')) {
    return text.length <= 8 ? '…' : `${text.slice(0, 4)}…(${text.length} chars)`;
  }
  const header = segments[0] ?? '';
  const head = header.length > MAX_HEADER_CHARS ? `${header.slice(0, MAX_HEADER_CHARS)}…` : header;
  // A JWE's second to fifth segments are key, IV, ciphertext and tag: nothing a reader needs.
  if (segments.length === 5) return `${head}.…`;
  const payload = segments[1] ?? '';
  return `${head}.${payload.length > PAYLOAD_PREFIX_CHARS ? `${payload.slice(0, PAYLOAD_PREFIX_CHARS)}…` : '…'}`;
}

/** Replaces every known token (and every signature or payload segment of one) inside a string. */
export type Scrubber = (text: string) => string;

/**
 * Builds a scrubber for the given token texts and extra literal secrets (PII values). Lookups are by
 * hash map over the base64url runs of each string, so scrubbing stays linear in the report's size even
 * with many thousands of tokens. Literal secrets are searched one by one: pass only the few that can
 * occur in the strings at hand (the report passes each token's own PII values with its strings).
 */
export function createScrubber(tokenTexts: Iterable<string>, secrets: Iterable<string> = []): Scrubber {
  const whole = new Map<string, string>();
  const heads = new Set<string>();
  const segments = createSegmentIndex();
  const odd = createOddIndex();
  for (const text of tokenTexts) {
    const parts = text.split('.');
    // Only JWTs are found by their header; any other text (opaque tokens too) by plain search.
    const compact = text.startsWith('eyJ') && COMPACT_ONLY.test(text);
    if (compact) {
      whole.set(text, maskSegments(text, parts));
      heads.add(parts[0] ?? '');
    } else if (text.length >= MIN_SECRET_SEGMENT) odd.add(text);
    addSegments(text, parts, segments);
    // A compact JWT is all `[A-Za-z0-9_.-]`: it holds none of `+/=$`, so it has no percent-encoded form.
    const encoded = compact ? undefined : percentEncoded(text);
    if (encoded !== undefined) odd.add(encoded, maskSegments(text, parts));
  }
  const literals = [...new Set(secrets)];
  // Without odd tokens or literals, only text with an 8-character base64url run can change: the rest
  // (names, numbers, most URLs) is returned as it is, without the cost of remembering it.
  const plainUnlessRun = odd.empty() && literals.length === 0;
  // URLs, header names and rule details repeat across thousands of sightings and findings.
  const memo = new Map<string, string>();
  return (text) => {
    if (plainUnlessRun && (text.length < MIN_SECRET_SEGMENT || !LONG_RUN.test(text))) return text;
    const known = memo.get(text);
    if (known !== undefined) return known;
    const out = scrubOnce(text);
    if (text.length > 2048) return out;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, out);
    return out;
  };

  function scrubOnce(text: string): string {
    let out = odd.scrub(text);
    // Every secret segment is 8+ base64url characters: most strings (names, short URLs) have none.
    if (LONG_RUN.test(out)) {
      // Only dotted runs can hold a whole token; a text without a dot (most claim values) has none.
      // Every whole token, and so every header a partial match starts at, begins `eyJ`: a text
      // without it (URLs, rule details) holds none.
      if (whole.size > 0 && out.includes('.') && out.includes('eyJ'))
        out = out.replace(COMPACT_RUN, (run) =>
          run.includes('.') ? replaceCompact(run, whole, heads) : run,
        );
      if (segments.size() > 0 && hasKnownRun(out, segments))
        out = out.replace(SEGMENT_RUN, (run) => segments.find(run, 0, run.length) ?? run);
    }
    return scrubLiterals(out, literals);
  }
}

/** 1 for each base64url character (`[A-Za-z0-9_-]`), by character code. */
const BASE64URL_CHAR = (() => {
  const table = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')
    table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * True when some 8+ character base64url run of `text` is a known segment: only then is it rewritten.
 * The runs are the maximal ones `SEGMENT_RUN` matches, found by one scan of the character codes and
 * looked up where they are, without being cut out.
 */
export function hasKnownRun(text: string, segments: SegmentIndex): boolean {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code < 128 && BASE64URL_CHAR[code] === 1) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (i - start >= MIN_SECRET_SEGMENT && segments.find(text, start, i) !== undefined) return true;
    start = -1;
  }
  return false;
}

/** Known secret segments, each with what replaces it. */
export interface SegmentIndex {
  /** Distinct segments held. */
  size(): number;
  /** Adds a segment of 8+ characters (again: its new replacement wins, as with `Map.set`). */
  add(segment: string, masked: string): void;
  /** What replaces `text.slice(start, end)` when that is a known segment, else `undefined`. */
  find(text: string, start: number, end: number): string | undefined;
}

/**
 * Known segments found by a hash of their length and 16 of their characters (`sampleHash`), each
 * candidate then compared whole: hashing every segment whole (hundreds of
 * characters, two per token) cost more than all the rest of building a scrubber. `find` answers as
 * `Map.get` keyed by whole segments would; a run of a length no segment has is not even hashed.
 */
export function createSegmentIndex(): SegmentIndex {
  /** Per hash, its segments and their replacements, flat: segment, replacement, segment… */
  const byHash = new Map<number, string[]>();
  const lengths = new Set<number>();
  let size = 0;
  return {
    size: () => size,
    add(segment, masked) {
      const hash = sampleHash(segment, 0, segment.length);
      const list = byHash.get(hash);
      if (list === undefined) byHash.set(hash, [segment, masked]);
      else {
        for (let i = 0; i < list.length; i += 2) {
          if (list[i] !== segment) continue;
          list[i + 1] = masked;
          return;
        }
        list.push(segment, masked);
      }
      size++;
      lengths.add(segment.length);
    },
    find(text, start, end) {
      const length = end - start;
      if (length < MIN_SECRET_SEGMENT || !lengths.has(length)) return undefined;
      const list = byHash.get(sampleHash(text, start, end));
      if (list === undefined) return undefined;
      for (let i = 0; i < list.length; i += 2) {
        const segment = list[i] as string;
        if (segment.length === length && text.startsWith(segment, start)) return list[i + 1];
      }
      return undefined;
    },
  };
}

/** Masks each literal (longest first, so a value is not half-masked by a shorter one it contains). */
export function scrubLiterals(text: string, literals: readonly string[]): string {
  if (literals.length === 0) return text;
  let out = text;
  const sorted = literals.length > 1 ? [...literals].sort((a, b) => b.length - a.length) : literals;
  for (const literal of sorted) {
    if (literal.length >= 3 && out.includes(literal)) out = out.split(literal).join(maskValue(literal));
  }
  return out;
}

/**
 * An opaque token with `+`, `/`, `=` or `$` (RFC 6750 b64token allows them) reaches a URL percent-encoded
 * (`access_token=ab%2Bc%3D`): that form must be masked as well. `undefined` when it reads the same.
 */
function percentEncoded(text: string): string | undefined {
  if (!/[+/=$]/.test(text) || !/^[\x21-\x7e]+$/.test(text)) return undefined;
  return encodeURIComponent(text);
}

const WORD_RUN = /[A-Za-z0-9_-]+/g;

/**
 * Token texts that are not plain compact tokens (malformed input lines with spaces, `+`, `!`…), found
 * by their word runs: an interior run of the token is a whole run of any string that contains it, so
 * one hash lookup per word picks the few candidates worth a substring search.
 */
function createOddIndex() {
  /** Each odd text with what replaces it (its masked form, or that of the token it encodes). */
  const byRun = new Map<string, [string, string][]>();
  const unindexed: [string, string][] = [];
  return {
    empty: () => byRun.size === 0 && unindexed.length === 0,
    add(text: string, masked = maskToken(text)) {
      const key = indexRun(text);
      if (key === undefined) unindexed.push([text, masked]);
      else byRun.set(key, [...(byRun.get(key) ?? []), [text, masked]]);
    },
    scrub(text: string): string {
      if (byRun.size === 0 && unindexed.length === 0) return text;
      const candidates = new Map(unindexed);
      for (const run of text.match(WORD_RUN) ?? [])
        for (const [odd, masked] of byRun.get(run) ?? []) candidates.set(odd, masked);
      let out = text;
      for (const [odd, masked] of candidates) if (out.includes(odd)) out = out.split(odd).join(masked);
      return out;
    },
  };
}

/**
 * The run to index an odd token by: its longest interior run (whole in any text containing the token),
 * else its longest run. One key per token keeps candidate lists short even for junk-filled inputs.
 */
function indexRun(text: string): string | undefined {
  const runs = [...text.matchAll(WORD_RUN)];
  const interior = runs.filter((m) => m.index > 0 && m.index + m[0].length < text.length);
  const pool = interior.length > 0 ? interior : runs;
  return pool.reduce<string | undefined>(
    (best, m) => (best && best.length >= m[0].length ? best : m[0]),
    undefined,
  );
}

/**
 * Signature and payload segments are secret on their own too (a detail may quote just one). Every
 * segment of a text that is no JWT (an opaque `ya29.…` token), the first one included, is secret.
 */
function addSegments(text: string, parts: readonly string[], into: SegmentIndex): void {
  if (parts.length < 2) {
    if (text.length >= MIN_SECRET_SEGMENT && !/\s/.test(text)) into.add(text, maskSegments(text, parts));
    return;
  }
  if (!text.startsWith('eyJ')) {
    for (const part of parts) if (part.length >= MIN_SECRET_SEGMENT) into.add(part, '…');
    return;
  }
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.length >= MIN_SECRET_SEGMENT)
      into.add(part, i === 1 && parts.length === 3 ? `${part.slice(0, 8)}…` : '…');
  }
}

/** A run of base64url segments may hold a token plus neighbours (`a.b.c.` at a sentence end). */
function replaceCompact(run: string, whole: Map<string, string>, heads: ReadonlySet<string>): string {
  const direct = whole.get(run);
  if (direct !== undefined) return direct;
  const parts = run.split('.');
  for (let start = 0; start + 1 < parts.length; start++) {
    // A token starts with its header segment: only those positions are worth trying.
    if (!heads.has(parts[start] ?? '')) continue;
    for (let size = Math.min(5, parts.length - start); size >= 2; size--) {
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

/**
 * OAuth flow parameters whose values are secrets or one-time values (RFC 6749 §4.1, RFC 7636, OIDC Core
 * §3.1.2.1): an authorization code, `state`, `nonce`, the PKCE verifier and challenge (`plain` makes the
 * challenge the verifier itself), a client secret, and the `login_hint` (an e-mail address or a phone
 * number, as often as not). Matched in a query or a fragment.
 */
const FLOW_PARAM =
  /([?&#;](?:code|state|nonce|code_verifier|code_challenge|client_secret|login_hint)=)([^&#;\s"'<>]+)/gi;
const FLOW_PARAM_HINT = /(?:code|state|nonce|verifier|challenge|secret|hint)=/i;

/** Masks the values of OAuth flow parameters inside a URL or free text (`?code=Spl…&state=af…`). */
export function maskFlowParams(text: string): string {
  if (!text.includes('=') || !FLOW_PARAM_HINT.test(text)) return text;
  return text.replace(FLOW_PARAM, (_, name: string, value: string) => `${name}${maskValue(value)}`);
}
