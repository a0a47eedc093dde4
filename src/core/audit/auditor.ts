import { DEFAULT_POLICY } from '../policy';
import { CONTEXT_RULES } from '../rules/context';
import { checkWebStorage } from '../rules/storage';
import { TOKEN_RULES } from '../rules/token';
import { parseToken } from '../token/parse-token';
import type {
  AuditResult,
  CaptureHit,
  CaptureResult,
  ExchangeObservation,
  Finding,
  Policy,
  RuleHit,
  Sighting,
  TokenRecord,
} from '../types';
import { groupByFingerprint, isIgnored, mergeFindings, toFinding } from './findings';
import { createFindingGathering, type FindingGathering } from './gather-findings';
import { guessPurpose } from './purpose';
import { runCaptureRules, runRules, safeObservations } from './run-rules';
import { sortFindings } from './sort-findings';

/** Limits that keep a long live session from growing without bound. The CLI passes `Infinity`. */
export interface AuditorLimits {
  /** Distinct tokens kept; the oldest (by first sighting) is evicted first. */
  maxTokens: number;
  /** Sightings kept per token; the oldest are dropped first. */
  maxSightingsPerToken: number;
  /** Non-token observations (basic auth, passwords in URLs…) kept. */
  maxObservations: number;
}

export interface AuditorOptions extends Partial<AuditorLimits> {
  policy?: Policy;
}

export interface AuditorStats {
  tokens: number;
  sightings: number;
  droppedTokens: number;
  droppedSightings: number;
}

/** An incremental audit: feed captures as they arrive, read a result whenever the UI needs one. */
export interface Auditor {
  add(capture: CaptureResult): void;
  /** Findings computed elsewhere (signature checks, secret cracking) attached to their tokens. */
  addHits(hits: readonly CaptureHit[]): void;
  setPolicy(policy: Policy): void;
  clear(): void;
  /** The audit as of `now` (epoch seconds; default: the clock). Cached until something changes. */
  result(now?: number): AuditResult;
  stats(): AuditorStats;
  /** The records currently held, in order of first sighting (for async checks that need the tokens). */
  records(): readonly TokenRecord[];
}

interface Entry {
  record: TokenRecord;
  /** Hits from token and context rules, cached per (revision, policy version, minute) they were run for. */
  hitsStamp: HitsStamp | undefined;
  hits: RuleHit[];
  external: CaptureHit[];
  /** Findings built from `hits` (that very array) and the first `findingsExternal` external hits. */
  findings: Finding[];
  findingsHits: RuleHit[] | undefined;
  findingsExternal: number;
  /** Bumped on every sighting added, so caches notice even when the sighting cap keeps the count flat. */
  revision: number;
  /** The revision `record.purpose` was guessed for: guessing waits until someone reads the record. */
  purposeRevision: number;
  /** Index in the entry list of the latest result: the token's sort position. */
  position: number;
}

interface HitsStamp {
  revision: number;
  policyVersion: number;
  minute: number;
}

/** Rules that live beside the engine rather than in a rule family. */
const LOCAL_RULES = [checkWebStorage];

const UNBOUNDED: AuditorLimits = {
  maxTokens: Infinity,
  maxSightingsPerToken: Infinity,
  maxObservations: Infinity,
};

/** Creates an incremental auditor. Parsing happens once per distinct token text. */
export function createAuditor(options: AuditorOptions = {}): Auditor {
  const limits: AuditorLimits = { ...UNBOUNDED, ...stripUndefined(options) };
  let policy = options.policy ?? DEFAULT_POLICY;
  let policyVersion = 0;
  const entries = new Map<string, Entry>();
  const byFingerprint = new Map<string, Entry>();
  let observations: ExchangeObservation[] = [];
  let droppedTokens = 0;
  let droppedSightings = 0;
  let version = 0;
  let cached: { key: string; result: AuditResult } | undefined;
  /** Where one token's rule hits are collected before being copied to their entry. */
  const scratch: RuleHit[] = [];

  function addSighting(sighting: Sighting): void {
    let entry = entries.get(sighting.tokenText);
    if (!entry) {
      const token = parseToken(sighting.tokenText);
      entry = {
        record: { token, sightings: [], purpose: 'unknown' },
        hitsStamp: undefined,
        hits: [],
        external: [],
        findings: [],
        findingsHits: undefined,
        findingsExternal: 0,
        revision: 0,
        purposeRevision: 0,
        position: 0,
      };
      entries.set(sighting.tokenText, entry);
      byFingerprint.set(token.fingerprint, entry);
      evictTokens();
    }
    const sightings = entry.record.sightings;
    sightings.push(sighting);
    entry.revision++;
    if (sightings.length > limits.maxSightingsPerToken) {
      sightings.shift();
      droppedSightings++;
    }
  }

  /** Brings `record.purpose` up to date with the sightings; rules and readers call this first. */
  function syncPurpose(entry: Entry): TokenRecord {
    if (entry.purposeRevision !== entry.revision) {
      entry.record.purpose = guessPurpose(entry.record.token, entry.record.sightings);
      entry.purposeRevision = entry.revision;
    }
    return entry.record;
  }

  function evictTokens(): void {
    while (entries.size > limits.maxTokens) {
      const oldest = entries.keys().next();
      if (oldest.done) return;
      const entry = entries.get(oldest.value);
      entries.delete(oldest.value);
      if (entry) {
        byFingerprint.delete(entry.record.token.fingerprint);
        droppedSightings += entry.record.sightings.length;
      }
      droppedTokens++;
    }
  }

  function hitsFor(entry: Entry, now: number): RuleHit[] {
    const minute = Math.floor(now / 60);
    const stamp = entry.hitsStamp;
    if (
      stamp?.revision !== entry.revision ||
      stamp.policyVersion !== policyVersion ||
      stamp.minute !== minute
    ) {
      const ctx = { record: syncPurpose(entry), policy, now };
      scratch.length = 0;
      runRules(TOKEN_RULES, ctx, scratch);
      runRules(CONTEXT_RULES, ctx, scratch);
      runRules(LOCAL_RULES, ctx, scratch);
      // An exact-size copy: arrays grown by push keep spare capacity, and every token's hits are kept.
      entry.hits = scratch.slice();
      entry.hitsStamp = { revision: entry.revision, policyVersion, minute };
    }
    return entry.hits;
  }

  /** The token's own findings; rebuilt only when its hits or attached external hits changed. */
  function findingsFor(entry: Entry, now: number): Finding[] {
    const hits = hitsFor(entry, now);
    if (entry.findingsHits !== hits || entry.findingsExternal !== entry.external.length) {
      const { record } = entry;
      const fp = record.token.fingerprint;
      // One list for all of the token's findings that carry no sightings of their own.
      const ids = record.sightings.map((s) => s.id);
      const findings = hits.map((hit) => toFinding(hit, fp, record, policy, ids));
      for (const hit of entry.external) findings.push(toFinding(hit, fp, record, policy, ids));
      entry.findings = hasRuleTwice(findings) ? mergeFindings(findings) : findings;
      entry.findingsHits = hits;
      entry.findingsExternal = entry.external.length;
    }
    return entry.findings;
  }

  /** Capture-wide and exchange findings, merged into the tokens' own. */
  function gatherCaptureFindings(gathering: FindingGathering, records: TokenRecord[], now: number): void {
    const captureHits = runCaptureRules(records, policy, now).concat(safeObservations(observations));
    for (const [fp, hits] of groupByFingerprint(captureHits)) {
      const entry = byFingerprint.get(fp);
      if (fp && !entry) continue;
      const findings = hits.map((hit) => toFinding(hit, fp, entry?.record, policy));
      if (entry) gathering.addCaptured(findings, entry.position);
      else gathering.addExchange(findings);
    }
  }

  /** The gathered findings the policy does not ignore, each with its sort position. */
  function notIgnored({ findings, orders }: FindingGathering): { findings: Finding[]; orders: number[] } {
    if (policy.ignore.length === 0) return { findings, orders };
    const kept: { findings: Finding[]; orders: number[] } = { findings: [], orders: [] };
    findings.forEach((f, i) => {
      if (isIgnored(f, byFingerprint.get(f.fingerprint)?.record, policy)) return;
      kept.findings.push(f);
      kept.orders.push(orders[i] ?? -1);
    });
    return kept;
  }

  function compute(now: number): AuditResult {
    const list = [...entries.values()];
    const records = list.map(syncPurpose);
    const gathering = createFindingGathering();
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as Entry;
      entry.position = i;
      gathering.addToken(findingsFor(entry, now), i);
    }
    gatherCaptureFindings(gathering, records, now);
    const kept = notIgnored(gathering);
    const result: AuditResult = {
      referenceTime: now,
      policy,
      tokens: records,
      findings: sortFindings(kept.findings, kept.orders),
      ignoredCount: gathering.findings.length - kept.findings.length,
      observations,
    };
    const range = timeRangeOf(records, observations);
    if (range) result.timeRange = range;
    return result;
  }

  return {
    add(capture) {
      for (const sighting of capture.sightings) addSighting(sighting);
      if (capture.observations.length) {
        observations = observations.concat(capture.observations);
        if (observations.length > limits.maxObservations) {
          observations = observations.slice(observations.length - limits.maxObservations);
        }
      }
      version++;
    },
    addHits(hits) {
      for (const hit of hits) byFingerprint.get(hit.fingerprint)?.external.push(hit);
      version++;
    },
    setPolicy(next) {
      policy = next;
      policyVersion++;
      version++;
    },
    clear() {
      entries.clear();
      byFingerprint.clear();
      observations = [];
      droppedTokens = 0;
      droppedSightings = 0;
      version++;
    },
    result(now = Math.floor(Date.now() / 1000)) {
      const key = `${version}:${now}`;
      if (cached?.key !== key) cached = { key, result: compute(now) };
      return cached.result;
    },
    stats() {
      let sightings = 0;
      for (const entry of entries.values()) sightings += entry.record.sightings.length;
      return { tokens: entries.size, sightings, droppedTokens, droppedSightings };
    },
    records() {
      return [...entries.values()].map(syncPurpose);
    },
  };
}

/** Audits complete captures in one go (the CLI, HAR import, tests). */
export function auditCapture(
  captures: readonly CaptureResult[],
  options: { policy?: Policy; now?: number; extraHits?: readonly CaptureHit[] } = {},
): AuditResult {
  const auditor = createAuditor(options.policy ? { policy: options.policy } : {});
  for (const capture of captures) auditor.add(capture);
  if (options.extraHits) auditor.addHits(options.extraHits);
  return auditor.result(options.now);
}

/** True when two findings of one token share a rule id (a token rule and a context rule agreeing). */
function hasRuleTwice(findings: readonly Finding[]): boolean {
  for (let i = 1; i < findings.length; i++) {
    const ruleId = (findings[i] as Finding).ruleId;
    for (let j = 0; j < i; j++) if ((findings[j] as Finding).ruleId === ruleId) return true;
  }
  return false;
}

function timeRangeOf(
  records: readonly TokenRecord[],
  observations: readonly ExchangeObservation[],
): { start: string; end: string } | undefined {
  let start = Infinity;
  let end = -Infinity;
  const visit = (iso: string) => {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return;
    if (t < start) start = t;
    if (t > end) end = t;
  };
  for (const record of records) for (const s of record.sightings) visit(s.startedAt);
  for (const o of observations) visit(o.startedAt);
  if (start === Infinity) return undefined;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function stripUndefined(options: AuditorOptions): Partial<AuditorLimits> {
  const out: Partial<AuditorLimits> = {};
  if (options.maxTokens !== undefined) out.maxTokens = options.maxTokens;
  if (options.maxSightingsPerToken !== undefined) out.maxSightingsPerToken = options.maxSightingsPerToken;
  if (options.maxObservations !== undefined) out.maxObservations = options.maxObservations;
  return out;
}
