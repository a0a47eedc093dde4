import type { LifecycleEvent, TokenUse } from '../../core/lifecycle/types';
import type { Finding, TokenRecord } from '../../core/types';
import type { TimelineMark } from './timeline';
import { describeTime, msOf } from './timeline-axis';
import type { LaneSpec } from './timeline-lanes';

/** What the marks are made from, indexed once per Timeline; `omitted` counts what the caps left out. */
export interface Sources {
  uses: Map<string, TokenUse[]>;
  findings: Map<string, Finding[]>;
  records: Map<string, TokenRecord>;
  events: readonly LifecycleEvent[];
  omitted: { marks: number; untimed: number };
}

export function useMarks(fp: string, sources: Sources): TimelineMark[] {
  const marks: TimelineMark[] = [];
  for (const use of sources.uses.get(fp) ?? []) {
    const at = msOf(use.at);
    if (at === null) {
      sources.omitted.untimed++;
      continue;
    }
    const v = use.verdict;
    const why = [v.reason, v.error, v.errorDescription].filter(Boolean).join(', ');
    marks.push({
      key: `use:${use.sightingId}`,
      kind: 'use',
      at,
      fingerprint: fp,
      verdict: v.verdict,
      label: `Use at ${describeTime(at)} by ${use.service || 'unknown service'}: ${v.verdict}${why ? ` (${why})` : ''}`,
    });
  }
  return marks;
}

export function expiryMark(record: TokenRecord | undefined): TimelineMark[] {
  const at = claimMs(record?.token.claims?.exp);
  if (!record || at === null) return [];
  const fp = record.token.fingerprint;
  return [
    {
      key: `exp:${fp}`,
      kind: 'expiry',
      fromClaim: true,
      at,
      fingerprint: fp,
      label: `Expiry of ${fp} at ${describeTime(at)}`,
    },
  ];
}

export function issueMarks(spec: LaneSpec, sources: Sources): TimelineMark[] {
  const f = spec.family;
  const issued = f ? msOf(f.issuedAt) : null;
  if (f && issued !== null) {
    const fp = f.members[0]?.fingerprint ?? '';
    const from = f.parent ? `, refreshed from ${f.parent}` : '';
    const label = `Family ${f.id} issued at ${describeTime(issued)}${f.grantType ? ` (${f.grantType})` : ''}${from}`;
    return [{ key: `issue:${f.id}`, kind: 'issue', at: issued, fingerprint: fp, label }];
  }
  return spec.fingerprints.flatMap((fp) => {
    const at = claimMs(sources.records.get(fp)?.token.claims?.iat);
    if (at === null) return [];
    return [
      {
        key: `iat:${fp}`,
        kind: 'issue' as const,
        fromClaim: true,
        at,
        fingerprint: fp,
        label: `${fp} issued at ${describeTime(at)} (iat)`,
      },
    ];
  });
}

/**
 * A NumericDate claim in ms, or `null` when it is not a number a Date can hold (claims are hostile: an
 * `exp` of 1e300 must not reach the axis).
 */
export function claimMs(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 8.64e12) return null;
  return value * 1000;
}

/** The lane id of logouts and revocations that cover no token of the capture. */
export const EVENTS_LANE = 'events';

/** Whether an event covers any token the capture holds. */
export function coversKnownToken(e: LifecycleEvent, sources: Sources): boolean {
  return e.covers.some((fp) => sources.records.has(fp));
}

/** The logouts and revocations covering the lane's tokens (or, on the events lane, covering none known). */
export function eventMarks(spec: LaneSpec, sources: Sources): TimelineMark[] {
  const fps = new Set(spec.fingerprints);
  const orphanLane = spec.id === EVENTS_LANE;
  return sources.events.flatMap((e, i) => {
    const at = msOf(e.at);
    // The token a mark opens: one the lane shows; on the events lane none (`''`).
    let covered: string | undefined;
    if (!orphanLane) covered = e.covers.find((fp) => fps.has(fp));
    else if (!coversKnownToken(e, sources)) covered = '';
    if (at === null || covered === undefined) return [];
    const outcome = e.succeeded ? 'succeeded' : 'failed';
    const label = `${e.kind === 'logout' ? 'Logout' : 'Revocation'} at ${describeTime(at)} (${e.how}, ${outcome})`;
    return [
      { key: `event:${i}`, kind: 'event' as const, at, fingerprint: covered, eventKind: e.kind, label },
    ];
  });
}

/** Where a finding sits: its first sighting with a time, else the token's first sighting or issue. */
function findingTime(f: Finding, sources: Sources): number | null {
  const record = sources.records.get(f.fingerprint);
  const ids = new Set(f.sightingIds);
  let first: number | null = null;
  let named: number | null = null;
  for (const s of record?.sightings ?? []) {
    const at = msOf(s.startedAt);
    if (at === null) continue;
    first ??= at;
    if (ids.has(s.id) && (named === null || at < named)) named = at;
  }
  return named ?? first ?? claimMs(record?.token.claims?.iat);
}

export function findingMarks(fp: string, sources: Sources): TimelineMark[] {
  return (sources.findings.get(fp) ?? []).flatMap((f, i) => {
    const at = findingTime(f, sources);
    if (at === null) return [];
    const label = `Finding ${f.severity}: ${f.title} (${f.ruleId}) on ${fp}`;
    const finding = { ruleId: f.ruleId, detail: f.detail };
    return [
      {
        key: `finding:${fp}:${i}`,
        kind: 'finding' as const,
        at,
        fingerprint: fp,
        severity: f.severity,
        finding,
        label,
      },
    ];
  });
}
