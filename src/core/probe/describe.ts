import { createScrubber, maskFlowParams, maskToken } from '../report/redact';
import { findTokens } from '../token/find-tokens';
import { editQuery } from './slot';
import type { ResponseShape, TokenSlot } from './types';

/** JSON keys named in a one-line description of an answer. */
const KEYS_SHOWN = 8;

/**
 * A URL as reports show it: every JWT in it masked (signature dropped), the slot's query parameter
 * masked whatever it holds (an opaque token too), and OAuth flow parameters masked, as elsewhere.
 */
export function maskProbeUrl(url: string, slot?: TokenSlot): string {
  if (typeof url !== 'string') return '';
  const scrub = createScrubber(findTokens(url).map((t) => t.text));
  const masked = slot?.where === 'query' ? (editQuery(url, slot.name, (v) => maskToken(v)) ?? url) : url;
  return maskFlowParams(scrub(masked));
}

/** `HTTP 200, application/json, ≤ 1024 chars, keys: id, name` — one answer in one line. */
export function describeShape(shape: ResponseShape | undefined, error?: string): string {
  if (!shape) return error ? `no answer (${error})` : 'no answer';
  const parts = [`HTTP ${shape.status}`];
  if (shape.contentType) parts.push(shape.contentType);
  parts.push(shape.lengthBucket === 0 ? 'empty body' : `≤ ${shape.lengthBucket} chars`);
  if (shape.jsonKeys.length > 0) {
    const more = shape.jsonKeys.length > KEYS_SHOWN ? ', …' : '';
    parts.push(`keys: ${shape.jsonKeys.slice(0, KEYS_SHOWN).join(', ')}${more}`);
  }
  if (shape.location !== undefined) parts.push(`to ${maskProbeUrl(shape.location)}`);
  return parts.join(', ');
}
