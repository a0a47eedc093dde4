import { fingerprintOf } from '../crypto/fingerprint';
import { buildLifecycle } from '../lifecycle/build-lifecycle';
import type { ExchangeFacts, LifecycleModel } from '../lifecycle/types';
import { DEFAULT_POLICY } from '../policy';
import { memoByName } from '../rules/pii/name-memo';
import { usesReferenceTime } from '../rules/use-clock';
import { opaqueToken } from '../token/opaque-token';
import { parseToken } from '../token/parse-token';
import type {
  AuditResult,
  CaptureHit,
  CaptureResult,
  ExchangeObservation,
  Finding,
  KeyDocument,
  Policy,
  RuleHit,
  Sighting,
  TokenRecord,
} from '../types';
import { groupByFingerprint, isIgnored, mergeFindings, toFinding } from './findings';
import { createFindingGathering, type FindingGathering } from './gather-findings';
import { createKeyDocumentStore } from './key-document-store';
import { guessPurpose } from './purpose';
import { runTokenPlan } from './rule-plan';
import { runCaptureRules, runLifecycleRules, safeObservations } from './run-rules';
import { sortFindings } from './sort-findings';

/** Limits that keep a long live session from growing without bound. The CLI passes `Infinity`. */
export interface AuditorLimits {
  /** Distinct tokens kept; the oldest (by first sighting) is evicted first. */
  maxTokens: number;
  /** Sightings kept per token; the oldest are dropped first. */
  maxSightingsPerToken: number;
  /** Non-token observations (basic auth, passwords in URLs…) kept. */
  maxObservations: number;
  /** Exchange facts kept for the token lifecycle (issue 13); the oldest go first. */
  maxExchanges: number;
  /** Distinct key sets and discovery documents kept for signature checks; the oldest go first. */
  maxKeyDocuments: number;
}

export interface AuditorOptions extends Partial<AuditorLimits> {
  policy?: Policy;
  /**
   * Findings with the same detail text share one string. A long-lived auditor (the panel's: 10,000 tokens,
   * 50,000 findings) holds mostly repeated details ("alg is HS256: …" once per token), each a string of its
   * own, about a tenth of its memory; a one-shot audit (the CLI's) has no use for the lookup per finding.
   */
  shareDetails?: boolean;
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
  /**
   * Drops the findings computed elsewhere that `match` picks (the panel's drift findings, recomputed
   * whenever the capture changes and gone when it stops comparing with a baseline).
   */
  removeHits(match: (hit: CaptureHit) => boolean): void;
  setPolicy(policy: Policy): void;
  clear(): void;
  /** The audit as of `now` (epoch seconds; default: the clock). Cached until something changes. */
  result(now?: number): AuditResult;
  /**
   * Runs the rules a `result(now)` needs and keeps what they found, without gathering and sorting the
   * findings: for a host that will ask for the result only after more hits arrive (the CLI's scan steps).
   */
  prepare(now?: number): void;
  /**
   * A cheaper result to show while captures pour in: the tokens, their own findings and the external hits
   * are up to date, but the capture-wide findings and the lifecycle are those of the last `result()`
   * (without the tokens evicted since). Most of a result's cost on a large capture is rebuilding those
   * from scratch. Never cached as the result: the next `result()` is exact. With no earlier result for
   * the current policy, the same as `result(now)`.
   */
  draft(now?: number): AuditResult;
  stats(): AuditorStats;
  /** The records currently held, in order of first sighting (for async checks that need the tokens). */
  records(): readonly TokenRecord[];
  /**
   * The key sets and discovery documents seen in the captures, distinct, for signature checks: every
   * host verifies against these, so a HAR gives the same verdicts in the CLI and the panel. The same
   * array until a new document arrives or the auditor is cleared.
   */
  keyDocuments(): readonly KeyDocument[];
}

interface Entry {
  record: TokenRecord;
  /**
   * Findings from the token, context and local rules, built for the sighting revision, policy version and
   * minute in `built*`. The hits themselves are not kept: on a large audit every kept object is copied by
   * the garbage collector, and the findings say all the hits did.
   */
  ruleFindings: Finding[];
  /** `ruleFindings` plus findings from the first `builtExternal` external hits (the same array when none). */
  findings: Finding[];
  builtRevision: number;
  builtPolicyVersion: number;
  /** The minute the findings were built for, or `ANY_MINUTE` when they do not depend on the reference time. */
  builtMinute: number;
  builtExternal: number;
  external: CaptureHit[];
  /** Bumped on every sighting added, so caches notice even when the sighting cap keeps the count flat. */
  revision: number;
  /** The revision `record.purpose` was guessed for: guessing waits until someone reads the record. */
  purposeRevision: number;
  /** Index in the entry list of the latest result: the token's sort position; -1 once evicted. */
  position: number;
}

const UNBOUNDED: AuditorLimits = {
  maxTokens: Infinity,
  maxSightingsPerToken: Infinity,
  maxObservations: Infinity,
  maxExchanges: Infinity,
  maxKeyDocuments: Infinity,
};

/**
 * `builtMinute` of findings that no reference time can change: every sighting of the token has a
 * request time, and time rules judge such a token at those times (see `usesReferenceTime`).
 */
const ANY_MINUTE = -2;

/** Entries of the last sightings compared by text before a token is hashed (see `addSighting`). */
const RECENT_ENTRIES = 4;

/** Shared, frozen stand-ins for the (many) entries with no findings built yet or no external hits. */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
const NO_EXTERNAL: CaptureHit[] = Object.freeze([]) as unknown as CaptureHit[];

/** Creates an incremental auditor. Parsing happens once per distinct token text. */
export function createAuditor(options: AuditorOptions = {}): Auditor {
  const limits: AuditorLimits = { ...UNBOUNDED, ...stripUndefined(options) };
  // One string object per detail text (the first one given); bounded, as `memoByName` is.
  const details = options.shareDetails ? memoByName((text: string) => text) : undefined;
  /** `toFinding`, with the detail shared when the auditor shares details. */
  const finding: typeof toFinding = (...args) => {
    const made = toFinding(...args);
    if (details) made.detail = details(made.detail);
    return made;
  };
  let policy = options.policy ?? DEFAULT_POLICY;
  let policyVersion = 0;
  /**
   * Tokens by fingerprint, in order of first sighting. Not by token text: a Map hashes a string key on
   * every lookup of a new string object, and V8's string hash over a 1 KB token costs twice the SHA-256
   * the fingerprint needs anyway (and hashes only the length of texts over 16 K characters, so long
   * tokens of one length would all share a bucket).
   */
  const entries = new Map<string, Entry>();
  /** The entries the last sightings went to, most recent first (an entry leaves when evicted). */
  const recent: Entry[] = [];
  let observations: ExchangeObservation[] = [];
  /** Exchange facts for the lifecycle model, in capture order (bounded by `maxExchanges`). */
  let exchanges: ExchangeFacts[] = [];
  /** The lifecycle model of `contentVersion` (built for `policyVersion`). */
  let lifecycle: { version: number; policyVersion: number; model: LifecycleModel } | undefined;
  /**
   * Tokens the signature checks found `sig-invalid` (external hits): lifecycle rules set them beside the
   * servers' verdicts (`sig-invalid-accepted`, `validation-inconsistent`). Their count is part of the
   * capture findings' cache key, so the rules rerun when the checks report.
   */
  const invalidSignatures = new Set<string>();
  const keyDocuments = createKeyDocumentStore(limits.maxKeyDocuments);
  let droppedTokens = 0;
  let droppedSightings = 0;
  /** Sightings held over all tokens, kept up to date so `stats()` (read during traffic) walks nothing. */
  let heldSightings = 0;
  let version = 0;
  /** Bumped when tokens, sightings, observations or the policy change; not by external hits. */
  let contentVersion = 0;
  let cached: { key: string; result: AuditResult } | undefined;
  /**
   * Capture-wide findings of the last result, by token entry (`undefined`: an exchange finding). They
   * depend on the records, the policy and the time, not on external hits: the CLI's second result, once
   * the signature and secret hits are in, reuses them.
   */
  let captured:
    | { key: string; policyVersion: number; groups: { entry: Entry | undefined; findings: Finding[] }[] }
    | undefined;
  /** Where one token's rule hits are collected before they become findings. */
  const scratch: RuleHit[] = [];
  /**
   * External hits about no token (`fingerprint: ''`): a drift or scan step that failed (`internal-error`).
   * Reported with the exchange findings, so a failure is never silent. Bounded like the exchanges.
   */
  let externalExchange: CaptureHit[] = [];

  function addSighting(sighting: Sighting): void {
    const text = typeof sighting.tokenText === 'string' ? sighting.tokenText.trim() : '';
    // A token of the last few sightings (cookie and header of one request, an access token sent with
    // every API call between others): a few comparisons instead of a SHA-256, which the panel computes
    // in JavaScript.
    let entry = recentEntry(text);
    if (!entry) {
      const fingerprint = fingerprintOf(text);
      const found = lookUp(fingerprint, text);
      entry = found.entry;
      if (!entry) {
        remember(newEntry(sighting, fingerprint, found.key));
        heldSightings++;
        evictTokens();
        return;
      }
    }
    remember(entry);
    // A text first met without context (a pasted line) and judged a malformed JWT, then seen where an
    // OAuth token belongs: it is an opaque token after all.
    const { token } = entry.record;
    if (sighting.opaque === true && token.kind === 'malformed') {
      entry.record.token = opaqueToken(token.text, token.fingerprint);
    }
    const sightings = entry.record.sightings;
    sightings.push(sighting);
    heldSightings++;
    entry.revision++;
    if (sightings.length > limits.maxSightingsPerToken) {
      sightings.shift();
      heldSightings--;
      droppedSightings++;
    }
  }

  /** The recent entry holding `text`, if any. */
  function recentEntry(text: string): Entry | undefined {
    for (let i = 0; i < recent.length; i++) {
      const entry = recent[i] as Entry;
      if (entry.record.token.text === text) return entry;
    }
    return undefined;
  }

  /** Moves `entry` to the front of the recent entries. */
  function remember(entry: Entry): void {
    if (recent[0] === entry) return;
    const at = recent.indexOf(entry);
    if (at >= 0) recent.splice(at, 1);
    else if (recent.length === RECENT_ENTRIES) recent.pop();
    recent.unshift(entry);
  }

  /**
   * The entry of `text` and its map key: the fingerprint, unless another text already holds that one
   * (only a crafted 64-bit collision gets there), which keeps the two tokens apart.
   */
  function lookUp(fingerprint: string, text: string): { key: string; entry: Entry | undefined } {
    const holder = entries.get(fingerprint);
    if (!holder || holder.record.token.text === text) return { key: fingerprint, entry: holder };
    const key = `${fingerprint}\n${text}`;
    return { key, entry: entries.get(key) };
  }

  function newEntry(sighting: Sighting, fingerprint: string, key: string): Entry {
    const entry: Entry = {
      // `[sighting]`, not `[]` + push: a first push reserves room for 17, and most tokens keep one.
      record: {
        // Capture marks opaque OAuth tokens; parsing one as a JWT would only call it malformed.
        token:
          sighting.opaque === true
            ? opaqueToken(sighting.tokenText, fingerprint)
            : parseToken(sighting.tokenText, fingerprint),
        sightings: [sighting],
        purpose: 'unknown',
      },
      ruleFindings: NO_FINDINGS,
      findings: NO_FINDINGS,
      builtRevision: -1,
      builtPolicyVersion: -1,
      builtMinute: -1,
      builtExternal: 0,
      external: NO_EXTERNAL,
      revision: 1,
      purposeRevision: 0,
      position: 0,
    };
    entries.set(key, entry);
    return entry;
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
        droppedSightings += entry.record.sightings.length;
        heldSightings -= entry.record.sightings.length;
      }
      const at = entry ? recent.indexOf(entry) : -1;
      if (at >= 0) recent.splice(at, 1);
      if (entry) entry.position = -1; // a draft's reused capture-wide findings skip it
      droppedTokens++;
    }
  }

  /** Runs the rules on one token and turns the hits into findings, all sharing one sighting-id list. */
  function buildRuleFindings(entry: Entry, now: number): Finding[] {
    const record = syncPurpose(entry);
    scratch.length = 0;
    runTokenPlan({ record, policy, now }, scratch);
    if (scratch.length === 0) return NO_FINDINGS;
    const fp = record.token.fingerprint;
    const ids = sightingIdsOf(record);
    const findings = new Array<Finding>(scratch.length);
    for (let i = 0; i < scratch.length; i++)
      findings[i] = finding(scratch[i] as RuleHit, fp, record, policy, ids);
    scratch.length = 0;
    return findings;
  }

  /**
   * The token's own findings; rules rerun only when its sightings or the policy changed, or, for a token
   * judged on the reference time (a pasted token, a token list), the minute. A token seen only in
   * requests with known times is judged at those times, so the clock alone never rebuilds it.
   */
  function findingsFor(entry: Entry, now: number): Finding[] {
    const minute = Math.floor(now / 60);
    const stale =
      entry.builtRevision !== entry.revision ||
      entry.builtPolicyVersion !== policyVersion ||
      (entry.builtMinute !== ANY_MINUTE && entry.builtMinute !== minute);
    if (stale) {
      entry.ruleFindings = buildRuleFindings(entry, now);
      entry.builtRevision = entry.revision;
      entry.builtPolicyVersion = policyVersion;
      entry.builtMinute = usesReferenceTime(entry.record) ? minute : ANY_MINUTE;
    }
    if (stale || entry.builtExternal !== entry.external.length) {
      const { record } = entry;
      let findings = entry.ruleFindings;
      if (entry.external.length > 0) {
        const fp = record.token.fingerprint;
        const ids = sightingIdsOf(record);
        findings = findings.concat(entry.external.map((hit) => finding(hit, fp, record, policy, ids)));
      }
      entry.findings = hasRuleTwice(findings) ? mergeFindings(findings) : findings;
      entry.builtExternal = entry.external.length;
    }
    return entry.findings;
  }

  /**
   * The lifecycle model of the records and exchanges held, built once per content change; a draft takes
   * the last one built for the policy, whatever changed since.
   */
  function lifecycleOf(records: readonly TokenRecord[], draft: boolean): LifecycleModel {
    const reusable =
      lifecycle && (draft ? lifecycle.policyVersion === policyVersion : lifecycle.version === contentVersion);
    if (!lifecycle || !reusable)
      lifecycle = {
        version: contentVersion,
        policyVersion,
        model: buildLifecycle(records, exchanges, policy),
      };
    return lifecycle.model;
  }

  /** Capture-wide and exchange findings, merged into the tokens' own (a draft's: those last built). */
  function gatherCaptureFindings(
    gathering: FindingGathering,
    records: TokenRecord[],
    now: number,
    draft: boolean,
  ): void {
    const key = `${contentVersion}:${now}:${invalidSignatures.size}`;
    const reusable = captured && (draft ? captured.policyVersion === policyVersion : captured.key === key);
    if (!captured || !reusable) {
      const signatures = { invalid: invalidSignatures };
      const captureHits = runCaptureRules(records, policy, now)
        .concat(runLifecycleRules(lifecycleOf(records, false), records, policy, signatures))
        .concat(safeObservations(observations));
      const groups: { entry: Entry | undefined; findings: Finding[] }[] = [];
      for (const [fp, hits] of groupByFingerprint(captureHits)) {
        const entry = entries.get(fp);
        if (fp && !entry) continue;
        groups.push({ entry, findings: hits.map((hit) => finding(hit, fp, entry?.record, policy)) });
      }
      captured = { key, policyVersion, groups };
    }
    // A draft's reused groups let go of the tokens evicted since (they would stay alive until the next exact
    // result: on a long burst, thousands of tokens).
    if (draft) captured.groups = captured.groups.filter(({ entry }) => !entry || entry.position >= 0);
    for (const { entry, findings } of captured.groups) {
      if (!entry) gathering.addExchange(findings);
      else if (entry.position >= 0) gathering.addCaptured(findings, entry.position);
    }
    if (externalExchange.length > 0)
      gathering.addExchange(externalExchange.map((hit) => finding(hit, '', undefined, policy)));
  }

  /** The gathered findings the policy does not ignore, each with its sort position. */
  function notIgnored({ findings, orders }: FindingGathering): { findings: Finding[]; orders: number[] } {
    if (policy.ignore.length === 0) return { findings, orders };
    const kept: { findings: Finding[]; orders: number[] } = { findings: [], orders: [] };
    findings.forEach((f, i) => {
      if (isIgnored(f, entries.get(f.fingerprint)?.record, policy)) return;
      kept.findings.push(f);
      kept.orders.push(orders[i] ?? -1);
    });
    return kept;
  }

  /**
   * Each token's findings and the capture-wide ones, gathered (and cached for the next call); the tokens'
   * positions set. `prepare` stops here; `compute` sorts them into a result.
   */
  function gather(now: number, draft: boolean): { records: TokenRecord[]; gathering: FindingGathering } {
    const list = [...entries.values()];
    const records = list.map(syncPurpose);
    const gathering = createFindingGathering();
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as Entry;
      entry.position = i;
      gathering.addToken(findingsFor(entry, now), i);
    }
    gatherCaptureFindings(gathering, records, now, draft);
    return { records, gathering };
  }

  function compute(now: number, draft: boolean): AuditResult {
    const { records, gathering } = gather(now, draft);
    const kept = notIgnored(gathering);
    const result: AuditResult = {
      referenceTime: now,
      policy,
      tokens: records,
      findings: sortFindings(kept.findings, kept.orders),
      ignoredCount: gathering.findings.length - kept.findings.length,
      observations,
      lifecycle: lifecycleOf(records, draft),
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
      keyDocuments.add(capture.keyDocuments);
      if (capture.exchanges?.length) {
        // In place: the panel adds a batch per captured request, and a copy per add grows with the capture.
        for (const facts of capture.exchanges) exchanges.push(facts);
        if (exchanges.length > limits.maxExchanges)
          exchanges.splice(0, exchanges.length - limits.maxExchanges);
      }
      version++;
      contentVersion++;
    },
    addHits(hits) {
      for (const hit of hits) {
        if (hit.fingerprint === '') {
          if (externalExchange.length < limits.maxExchanges) externalExchange.push(hit);
          continue;
        }
        const entry = entries.get(hit.fingerprint);
        if (!entry) continue;
        if (entry.external === NO_EXTERNAL) entry.external = [];
        // Kept for as long as the token: its detail is shared too (the worker's hits repeat theirs).
        entry.external.push(details ? { ...hit, detail: details(hit.detail) } : hit);
        if (hit.ruleId === 'sig-invalid') invalidSignatures.add(hit.fingerprint);
      }
      version++;
    },
    removeHits(match) {
      for (const entry of entries.values()) {
        if (entry.external.length === 0 || !entry.external.some(match)) continue;
        entry.external = entry.external.filter((hit) => !match(hit));
        // The cached findings hold the dropped hits: rebuild them from the rule findings.
        entry.builtExternal = -1;
        if (entry.external.some((hit) => hit.ruleId === 'sig-invalid')) continue;
        invalidSignatures.delete(entry.record.token.fingerprint);
      }
      version++;
    },
    setPolicy(next) {
      policy = next;
      policyVersion++;
      version++;
      contentVersion++;
    },
    clear() {
      entries.clear();
      recent.length = 0;
      observations = [];
      exchanges = [];
      externalExchange = [];
      lifecycle = undefined;
      invalidSignatures.clear();
      keyDocuments.clear();
      droppedTokens = 0;
      droppedSightings = 0;
      heldSightings = 0;
      captured = undefined;
      version++;
      contentVersion++;
    },
    result(now = Math.floor(Date.now() / 1000)) {
      const key = `${version}:${now}`;
      if (cached?.key !== key) cached = { key, result: compute(now, false) };
      return cached.result;
    },
    prepare(now = Math.floor(Date.now() / 1000)) {
      gather(now, false);
    },
    draft(now = Math.floor(Date.now() / 1000)) {
      if (cached?.key === `${version}:${now}`) return cached.result;
      // The exact result is out of date: drop it, with the evicted tokens it holds.
      cached = undefined;
      return compute(now, true);
    },
    stats() {
      return { tokens: entries.size, sightings: heldSightings, droppedTokens, droppedSightings };
    },
    records() {
      return [...entries.values()].map(syncPurpose);
    },
    keyDocuments: () => keyDocuments.documents(),
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

/** The ids of the record's sightings: the sightings of every finding that names none of its own. */
function sightingIdsOf(record: TokenRecord): string[] {
  const { sightings } = record;
  const ids = new Array<string>(sightings.length);
  for (let i = 0; i < sightings.length; i++) ids[i] = (sightings[i] as Sighting).id;
  return ids;
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
  // The sightings of one request share its time, and come one after another: parse each run once.
  let lastIso = '';
  const visit = (iso: string) => {
    if (iso === '' || iso === lastIso) return; // '': unknown time (pasted tokens, token lists)
    lastIso = iso;
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
  if (options.maxExchanges !== undefined) out.maxExchanges = options.maxExchanges;
  if (options.maxKeyDocuments !== undefined) out.maxKeyDocuments = options.maxKeyDocuments;
  return out;
}
