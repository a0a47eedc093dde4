import { listNames } from '../../rules/context/sighting-facts';
import type { CaptureHit, Evidence, Severity, TokenRecord } from '../../types';
import type { TokenProfile } from '../types';
import type { DriftContext, DriftMatch, DriftRule } from './types';

/** Values listed in a detail or an evidence line; a baseline may know hundreds of hosts. */
export const MAX_LISTED = 8;

/** What the baseline expected: shown beside `seen` in the panel's token detail. */
export function expected(value: string): Evidence {
  return { label: 'expected', value };
}

/** What the capture showed instead. */
export function seen(value: string): Evidence {
  return { label: 'seen', value };
}

/** Longest value shown as it is: header and claim values are untrusted and may be huge. */
const MAX_SHOWN = 100;

/** A token-supplied value cut for a detail or evidence line. */
export function clip(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
}

/** `a, b and 3 more`, or `none` for an empty list; each value clipped. */
export function listed(values: readonly string[]): string {
  return values.length === 0 ? 'none' : listNames(values.map(clip), MAX_LISTED);
}

/** `access tokens of https://op.example`, `opaque tokens in request-header:authorization`. */
export function profileName(profile: TokenProfile): string {
  if (profile.purpose === 'opaque') return `opaque tokens in ${clip(profile.place ?? 'an unnamed place')}`;
  const kind = profile.purpose === 'other' ? 'tokens' : `${profile.purpose} tokens`;
  return profile.issuer === '' ? `${kind} with no issuer` : `${kind} of ${clip(profile.issuer)}`;
}

/** A drift hit about one token. */
export function driftHit(
  ruleId: string,
  record: TokenRecord,
  detail: string,
  evidence: Evidence[],
  options: { severity?: Severity; sightingIds?: string[] } = {},
): CaptureHit {
  const hit: CaptureHit = { ruleId, fingerprint: record.token.fingerprint, detail, evidence };
  if (options.severity) hit.severity = options.severity;
  if (options.sightingIds?.length) hit.sightingIds = options.sightingIds;
  return hit;
}

/** A drift rule checking each matched token on its own: at most one hit per token. */
export function perToken(check: (match: DriftMatch, ctx: DriftContext) => CaptureHit | undefined): DriftRule {
  return (ctx) => {
    const out: CaptureHit[] = [];
    for (const match of ctx.matches) {
      const hit = check(match, ctx);
      if (hit) out.push(hit);
    }
    return out;
  };
}

/** Keys of a baseline record, sorted, for stable evidence. */
export function keysOf(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).sort();
}
