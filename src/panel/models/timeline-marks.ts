import type { LifecycleEvent, TokenUse } from '../../core/lifecycle/types';
import type { Finding, TokenRecord } from '../../core/types';
import type { TimelineMark } from './timeline';
import { describeTime, msOf } from './timeline-axis';
import type { LaneSpec } from './timeline-lanes';

/** What the marks are made from, indexed once per Timeline; `omitted` counts what the caps left out. */
/** A mark before its accessible name: names are made only for the marks the caps keep (they cost a Date). */
export type DraftMark = Omit<TimelineMark, 'label'> & { describe: () => string };

export interface Sources {
  uses: Map<string, TokenUse[]>;
  findings: Map<string, Finding[]>;
  records: Map<string, TokenRecord>;
  events: readonly LifecycleEvent[];
  /** Filled lazily by the marks that need sighting times. */
  sightingTimes: Map<TokenRecord, Map<string, number>>;
  omitted: { marks: number; untimed: number };
}

export function useMarks(fp: string, sources: Sources): DraftMark[] {
  const marks: DraftMark[] = [];
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
      describe: () =>
        `Use at ${describeTime(at)} by ${use.service || 'unknown service'}: ${v.verdict}${why ? ` (${why})` : ''}`,
    });
  }
  return marks;
}

export function expiryMark(record: TokenRecord | undefined): DraftMark[] {
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
      describe: () => `Expiry of ${fp} at ${describeTime(at)}`,
    },
  ];
}

export function issueMarks(spec: LaneSpec, sources: Sources): DraftMark[] {
  const f = spec.family;
  const issued = f ? msOf(f.issuedAt) : null;
  if (f && issued !== null) {
    const fp = f.members[0]?.fingerprint ?? '';
    const from = f.parent ? `, refreshed from ${f.parent}` : '';
    const describe = () =>
      `Family ${f.id} issued at ${describeTime(issued)}${f.grantType ? ` (${f.grantType})` : ''}${from}`;
    return [{ key: `issue:${f.id}`, kind: 'issue', at: issued, fingerprint: fp, describe }];
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
        describe: () => `${fp} issued at ${describeTime(at)} (iat)`,
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
export function eventMarks(spec: LaneSpec, sources: Sources): DraftMark[] {
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
    const describe = () =>
      `${e.kind === 'logout' ? 'Logout' : 'Revocation'} at ${describeTime(at)} (${e.how}, ${outcome})`;
    return [
      { key: `event:${i}`, kind: 'event' as const, at, fingerprint: covered, eventKind: e.kind, describe },
    ];
  });
}

/** Request times of a token's sightings by id, in sighting order; parsed once per token per Timeline. */
function sightingTimes(record: TokenRecord, sources: Sources): Map<string, number> {
  const cached = sources.sightingTimes.get(record);
  if (cached) return cached;
  const times = new Map<string, number>();
  for (const s of record.sightings) {
    const at = msOf(s.startedAt);
    if (at !== null) times.set(s.id, at);
  }
  sources.sightingTimes.set(record, times);
  return times;
}

/** Where a finding sits: the earliest sighting it names, else its token's first sighting, else its `iat`. */
function findingTime(f: Finding, sources: Sources): number | null {
  const record = sources.records.get(f.fingerprint);
  if (!record) return null;
  const times = sightingTimes(record, sources);
  let named: number | null = null;
  for (const id of f.sightingIds) {
    const at = times.get(id);
    if (at !== undefined && (named === null || at < named)) named = at;
  }
  const first = times.values().next();
  return named ?? (first.done ? claimMs(record.token.claims?.iat) : first.value);
}

export function findingMarks(fp: string, sources: Sources): DraftMark[] {
  return (sources.findings.get(fp) ?? []).flatMap((f, i) => {
    const at = findingTime(f, sources);
    if (at === null) return [];
    const describe = () => `Finding ${f.severity}: ${f.title} (${f.ruleId}) on ${fp}`;
    const finding = { ruleId: f.ruleId, detail: f.detail };
    return [
      {
        key: `finding:${fp}:${i}`,
        kind: 'finding' as const,
        at,
        fingerprint: fp,
        severity: f.severity,
        finding,
        describe,
      },
    ];
  });
}
