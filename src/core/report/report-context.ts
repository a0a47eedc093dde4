import { claimsLayer } from '../token/claims-layer';
import type { Finding, JsonObject, ParsedToken, Severity, TokenRecord } from '../types';
import { mapEntriesUnlessSame, mapUnlessSame } from './map-unless-same';
import { maskClaims } from './mask-claims';
import { createScrubber, maskFlowParams, maskToken, type Scrubber, scrubLiterals } from './redact';
import type { SeverityCounts } from './report-types';

/** Severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * What every report writer needs before it writes a line: one scrubber for free text, and each token's
 * claims already masked. Built once per report so every format redacts exactly the same way.
 */
export interface ReportContext {
  includeRaw: boolean;
  /**
   * Masks token texts in free text; with a fingerprint, also that token's personal values (each
   * token's own values only, which keeps scrubbing linear in the size of the report).
   */
  scrub(text: string, fingerprint?: string): string;
  /** Masked form of a token text (or the text itself with `includeRaw`). */
  show(text: string): string;
  /** Claims (or header) as they may appear in the report. */
  claimsOf(token: ParsedToken): JsonObject | null;
  headerOf(token: ParsedToken): JsonObject | null;
}

/**
 * What a token's summary (issuer, subject, expiry) is read from: the layer a verifier acts on (a nested
 * JWT's inner one) and its claims as they may appear in the report. `ownClaims`, the token's own claims
 * already prepared with `claimsOf`, spares preparing them twice.
 */
export function summaryOf(
  token: ParsedToken,
  ctx: ReportContext,
  ownClaims?: JsonObject | null,
): { layer: ParsedToken; claims: JsonObject | null } {
  const layer = claimsLayer(token);
  return { layer, claims: layer === token && ownClaims !== undefined ? ownClaims : ctx.claimsOf(layer) };
}

/** With raw output asked for, everything passes through untouched. */
const RAW_CONTEXT: ReportContext = {
  includeRaw: true,
  scrub: (text) => text,
  show: (text) => text,
  claimsOf: (token) => token.claims ?? null,
  headerOf: (token) => token.header ?? null,
};

/**
 * Prepares redaction for a result: masks every token's claims and learns the values it masked. The panel
 * builds one for the token it shows, so its detail view masks exactly as the exports do.
 */
export function createReportContext(
  result: { readonly tokens: readonly TokenRecord[]; readonly findings: readonly Finding[] },
  includeRaw: boolean,
): ReportContext {
  if (includeRaw) return RAW_CONTEXT;
  const evidence = rawEvidenceByFingerprint(result.findings);
  const owner = new Map<ParsedToken, TokenRecord>();
  const texts: string[] = [];
  for (const record of result.tokens) {
    for (let token: ParsedToken | undefined = record.token; token; token = token.nested) {
      texts.push(token.text);
      owner.set(token, record);
    }
  }
  const byFp = new Map(result.tokens.map((r) => [r.token.fingerprint, r]));
  // Masking a token's claims teaches which values are its PII; done once per token, on first need.
  const masked = new Map<string, MaskedRecord>();
  // A finding or a token scrubs several strings in a row for the same fingerprint: the last one's
  // record is at hand without a lookup.
  let lastFingerprint = '';
  let last: MaskedRecord | undefined;
  const maskedFor = (fingerprint: string): MaskedRecord => {
    if (last !== undefined && fingerprint === lastFingerprint) return last;
    let entry = masked.get(fingerprint);
    if (!entry) {
      entry = maskRecord(byFp.get(fingerprint), evidence.get(fingerprint));
      masked.set(fingerprint, entry);
    }
    lastFingerprint = fingerprint;
    last = entry;
    return entry;
  };
  const tokenScrub = createScrubber(texts);
  const scrub = (text: string, fingerprint = '') =>
    maskFlowParams(scrubLiterals(tokenScrub(text), fingerprint ? maskedFor(fingerprint).literals : []));
  const scrubFor = (fingerprint: string) => (text: string) => scrub(text, fingerprint);
  return {
    includeRaw,
    scrub,
    show: maskToken,
    claimsOf: (token) => {
      const fingerprint = owner.get(token)?.token.fingerprint ?? '';
      const claims = fingerprint ? maskedClaims(maskedFor(fingerprint), token) : null;
      return scrubTree(claims, scrubFor(fingerprint)) as JsonObject | null;
    },
    headerOf: (token) =>
      scrubTree(
        token.header ?? null,
        scrubFor(owner.get(token)?.token.fingerprint ?? ''),
      ) as JsonObject | null,
  };
}

/** A token's claims (and its nested token's) masked, and the personal values that were masked. */
interface MaskedRecord {
  record: TokenRecord | undefined;
  /** The masked claims of each layer, from the record's token inwards. */
  layers: (JsonObject | null)[];
  literals: readonly string[];
}

/** No personal values: shared by every token that has none (most have none). */
const NO_LITERALS: readonly string[] = [];

/** Masks one token's claims (and its nested token's), collecting the personal values it masked. */
function maskRecord(record: TokenRecord | undefined, known: ReadonlySet<string> | undefined): MaskedRecord {
  const found = new Set(known);
  const layers: (JsonObject | null)[] = [];
  for (let token = record?.token; token; token = token.nested) {
    layers.push(token.claims ? (maskClaims(token.claims, found, found) as JsonObject) : null);
  }
  const literals = found.size === 0 ? NO_LITERALS : [...found].filter((value) => value.length >= 6);
  return { record, layers, literals };
}

/** The masked claims of `token`, a layer of the masked record (`null` when it is none of them). */
function maskedClaims(masked: MaskedRecord, token: ParsedToken): JsonObject | null {
  let index = 0;
  for (let layer = masked.record?.token; layer; layer = layer.nested, index++) {
    if (layer === token) return masked.layers[index] ?? null;
  }
  return null;
}

/** Evidence values a rule masked are PII or secrets: remember them to mask the same text elsewhere. */
function rawEvidenceByFingerprint(findings: readonly Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const finding of findings) {
    for (const evidence of finding.evidence) {
      if (evidence.raw === undefined || evidence.raw === evidence.value || evidence.raw.length < 3) continue;
      const set = out.get(finding.fingerprint) ?? new Set<string>();
      set.add(evidence.raw);
      out.set(finding.fingerprint, set);
    }
  }
  return out;
}

/**
 * Applies the scrubber to every string leaf (keys included: a claim name can carry a token too). A
 * branch the scrubber leaves as it was is returned as it is, not copied (most claims hold no token
 * text): the result is read-only, as the raw context's claims (the token's own) already are.
 */
export function scrubTree(value: unknown, scrub: Scrubber, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 64) return '…';
  if (Array.isArray(value)) return mapUnlessSame(value, (item) => scrubTree(item, scrub, depth + 1));
  if (value !== null && typeof value === 'object')
    return mapEntriesUnlessSame(
      value,
      (key) => scrub(key),
      (item) => scrubTree(item, scrub, depth + 1),
    );
  return value;
}

/** Counts findings per severity. */
export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** A NumericDate (seconds) as ISO 8601, or `null` when it is not a usable number. */
export function numericDateToIso(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 8.64e12) return null;
  let iso = ISO_DATES.get(value);
  if (iso === undefined) {
    iso = new Date(value * 1000).toISOString();
    if (ISO_DATES.size >= 4096) ISO_DATES.clear();
    ISO_DATES.set(value, iso);
  }
  return iso;
}

/** Dates already converted: the tokens of one capture share their `iat` and `exp` values often. */
const ISO_DATES = new Map<number, string>();

/** A header or claim value when it is a string, else `null`. */
export function stringOrNull(object: JsonObject | null | undefined, key: string): string | null {
  const value = object?.[key];
  return typeof value === 'string' ? value : null;
}
