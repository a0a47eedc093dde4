import type { LifecycleEvent, Verdict } from '../../core/lifecycle/types';
import type { AuditResult, Severity, TokenRecord } from '../../core/types';
import { describeTime, msOf, timeWindow } from './timeline-axis';
import { type LaneSpec, laneSpecs, type TimelineGrouping } from './timeline-lanes';
import {
  coversKnownToken,
  type DraftMark,
  EVENTS_LANE,
  eventMarks,
  expiryMark,
  findingMarks,
  issueMarks,
  type Sources,
  useMarks,
} from './timeline-marks';

export type { TimelineGrouping } from './timeline-lanes';

/** Lanes drawn at most; the rest are counted and named in the notice. */
export const MAX_TIMELINE_LANES = 60;
/** Uses drawn per lane at most: the earliest and the latest half each, the middle counted. */
export const MAX_LANE_USES = 200;
/** Findings, expiries and logout marks drawn per lane at most, each. */
export const MAX_LANE_MARKS = 40;

export type MarkKind = 'issue' | 'use' | 'expiry' | 'event' | 'finding';

/** Something drawn on a lane at a time; `fingerprint` is the token it opens (`''` for none). */
export interface TimelineMark {
  key: string;
  kind: MarkKind;
  at: number;
  fingerprint: string;
  /** The accessible name (and tooltip): what, when, and the verdict or finding. */
  label: string;
  verdict?: Verdict;
  severity?: Severity;
  /** Finding marks: the finding they open. */
  finding?: { ruleId: string; detail: string };
  eventKind?: LifecycleEvent['kind'];
  /** Placed by a token's own `iat` or `exp` claim rather than by traffic: it widens the window only when near. */
  fromClaim?: boolean;
}

export interface TimelineLane extends Omit<LaneSpec, 'family'> {
  familyId?: string;
  /** Marks in time order. */
  marks: TimelineMark[];
}

/** A refresh: the family whose refresh token was presented, to the family it produced (RFC 6749 §6). */
export interface TimelineLink {
  from: string;
  to: string;
  at: number;
  label: string;
}

export interface TimelineModel {
  lanes: TimelineLane[];
  links: TimelineLink[];
  start: number;
  end: number;
  /** What was left out, for the notice. */
  omitted: { lanes: number; marks: number; untimed: number };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** Keeps at most `max` marks (the earliest and the latest halves), counting what it leaves out. */
function capped(items: DraftMark[], max: number, sources: Sources): DraftMark[] {
  if (items.length <= max) return items;
  sources.omitted.marks += items.length - max;
  items.sort((a, b) => a.at - b.at);
  const head = Math.ceil(max / 2);
  return [...items.slice(0, head), ...items.slice(items.length - (max - head))];
}

/** At the same instant a token is issued before it is used, and flagged after. */
const KIND_ORDER: Record<MarkKind, number> = { issue: 0, event: 1, use: 2, finding: 3, expiry: 4 };

function laneOf(spec: LaneSpec, sources: Sources): TimelineLane {
  const uses = spec.fingerprints.flatMap((fp) => useMarks(fp, sources));
  const others = [
    ...capped(
      spec.fingerprints.flatMap((fp) => findingMarks(fp, sources)),
      MAX_LANE_MARKS,
      sources,
    ),
    ...capped(
      spec.fingerprints.flatMap((fp) => expiryMark(sources.records.get(fp))),
      MAX_LANE_MARKS,
      sources,
    ),
    ...capped(eventMarks(spec, sources), MAX_LANE_MARKS, sources),
    ...capped(issueMarks(spec, sources), MAX_LANE_MARKS, sources),
  ];
  const marks = [...capped(uses, MAX_LANE_USES, sources), ...others]
    .sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map(({ describe, ...mark }) => ({ ...mark, label: describe() }));
  const { family, ...rest } = spec;
  return { ...rest, ...(family ? { familyId: family.id } : {}), marks };
}

function refreshLinks(lanes: readonly TimelineLane[], result: AuditResult): TimelineLink[] {
  const laneOfFamily = new Map<string, string>();
  for (const lane of lanes) for (const fp of lane.fingerprints) laneOfFamily.set(`fp:${fp}`, lane.id);
  for (const lane of lanes) if (lane.familyId) laneOfFamily.set(`f:${lane.familyId}`, lane.id);
  const laneFor = (id: string, fp?: string) =>
    laneOfFamily.get(`f:${id}`) ?? (fp ? laneOfFamily.get(`fp:${fp}`) : undefined);
  const byId = new Map(result.lifecycle.families.map((f) => [f.id, f]));
  return result.lifecycle.families.flatMap((f) => {
    const at = msOf(f.issuedAt);
    const parent = f.parent ? byId.get(f.parent) : undefined;
    const from = parent ? laneFor(parent.id, parent.members[0]?.fingerprint) : undefined;
    const to = laneFor(f.id, f.members[0]?.fingerprint);
    if (at === null || !parent || !from || !to || from === to) return [];
    return [{ from, to, at, label: `${parent.id} refreshed into ${f.id} at ${describeTime(at)}` }];
  });
}

/**
 * Claim times (`iat`, `exp`) within twice the traffic's own span of it, and never farther than this, widen
 * the window; farther ones sit at its edge. So the traffic always fills at least a fifth of the plot: a
 * refresh token valid for a month, a forged `iat`, or a 5-minute expiry after a few seconds of scripted
 * traffic does not squash every use into one column.
 */
const CLAIM_REACH_MS = 15 * 60 * 1000;

/** The times the window must show: what traffic placed, and the claim times near it. */
function windowTimes(lanes: readonly TimelineLane[]): number[] {
  const marks = lanes.flatMap((l) => l.marks);
  const core = marks.filter((m) => !m.fromClaim).map((m) => m.at);
  if (core.length === 0) return marks.map((m) => m.at);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of core) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const reach = Math.min(2 * (hi - lo), CLAIM_REACH_MS);
  const near = marks.filter((m) => m.fromClaim && m.at >= lo - reach && m.at <= hi + reach);
  return [...core, ...near.map((m) => m.at)];
}

function sourcesOf(result: AuditResult): Sources {
  return {
    uses: groupBy(result.lifecycle.uses, (u) => u.fingerprint),
    findings: groupBy(result.findings, (f) => f.fingerprint),
    records: new Map(result.tokens.map((r) => [r.token.fingerprint, r])),
    events: result.lifecycle.events,
    sightingTimes: new Map(),
    omitted: { marks: 0, untimed: 0 },
  };
}

/** A lane for logouts and revocations that name no token of the capture (a `/logout` with no token in it). */
const ORPHAN_EVENTS: LaneSpec = {
  id: EVENTS_LANE,
  label: 'Logout / revocation',
  description: 'Logouts and revocations that cover no token seen',
  fingerprints: [],
};

/**
 * The Timeline's view model: lanes (per family or per issuer) of the tokens shown, each with its issue,
 * uses coloured by verdict, logouts, expiries and findings, the refresh links between families, and the
 * time window. Bounded: at most `MAX_TIMELINE_LANES` lanes and the per-lane caps; what is left out is counted.
 * Expiries far past the rest of the capture do not stretch the window: they are drawn at its edge.
 */
export function buildTimeline(
  result: AuditResult,
  shown: readonly TokenRecord[],
  grouping: TimelineGrouping,
): TimelineModel {
  const sources = sourcesOf(result);
  const orphans = result.lifecycle.events.some((e) => !coversKnownToken(e, sources));
  const specs = [
    ...(orphans ? [ORPHAN_EVENTS] : []),
    ...laneSpecs(grouping, result.lifecycle.families, shown),
  ];
  const lanes = specs.slice(0, MAX_TIMELINE_LANES).map((spec) => laneOf(spec, sources));
  const window = timeWindow(windowTimes(lanes));
  return {
    lanes: window ? lanes : [],
    links: window ? refreshLinks(lanes, result) : [],
    start: window?.start ?? 0,
    end: window?.end ?? 0,
    omitted: { lanes: Math.max(0, specs.length - MAX_TIMELINE_LANES), ...sources.omitted },
  };
}
