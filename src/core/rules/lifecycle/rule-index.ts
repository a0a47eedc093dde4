import { pushTo } from '../../lifecycle/group';
import type { FamilyRole, LifecycleModel, TokenUse } from '../../lifecycle/types';
import type { TokenRecord } from '../../types';
import { createSightingLookup, eventRequestIds, familyRoles, type SightingLookup } from './lifecycle-facts';

/**
 * What several lifecycle rules look up in the model and the records, made once per run of the rules
 * (`runLifecycleRules`) instead of once per rule. Each part is built on first read, so a rule that has
 * nothing to check builds nothing, and a part that throws on bad records fails the rule reading it.
 */
export interface RuleIndex {
  /** Records by fingerprint, the last record of a fingerprint. */
  readonly records: ReadonlyMap<string, TokenRecord>;
  /** Records by fingerprint, the first record of a fingerprint. */
  readonly firstRecords: ReadonlyMap<string, TokenRecord>;
  /** Every use of each token, in model order; tokens in order of their first use. */
  readonly uses: ReadonlyMap<string, TokenUse[]>;
  /** The accepted uses of each token, in model order; tokens in order of their first accepted use. */
  readonly accepted: ReadonlyMap<string, TokenUse[]>;
  /** Request ids of the logouts and revocations (`eventRequestIds`). */
  readonly events: ReadonlySet<string>;
  /** The role of each token in its first family (`familyRoles`). */
  readonly roles: ReadonlyMap<string, FamilyRole>;
  readonly sightingOf: SightingLookup;
}

/** The index of one model and its records; see `RuleIndex`. */
export function createRuleIndex(model: LifecycleModel, records: readonly TokenRecord[]): RuleIndex {
  let byToken: { last: Map<string, TokenRecord>; first: Map<string, TokenRecord> } | undefined;
  let uses: { all: Map<string, TokenUse[]>; accepted: Map<string, TokenUse[]> } | undefined;
  let events: Set<string> | undefined;
  let roles: Map<string, FamilyRole> | undefined;
  const recordsOf = () => {
    byToken ??= indexRecords(records);
    return byToken;
  };
  const usesOf = () => {
    uses ??= indexUses(model.uses);
    return uses;
  };
  return {
    get records() {
      return recordsOf().last;
    },
    get firstRecords() {
      return recordsOf().first;
    },
    get uses() {
      return usesOf().all;
    },
    get accepted() {
      return usesOf().accepted;
    },
    get events() {
      events ??= eventRequestIds(model);
      return events;
    },
    get roles() {
      roles ??= familyRoles(model.families);
      return roles;
    },
    sightingOf: createSightingLookup(records),
  };
}

/** Records by fingerprint, last and first; one map for both unless a fingerprint comes twice. */
function indexRecords(records: readonly TokenRecord[]) {
  const last = new Map<string, TokenRecord>();
  let first: Map<string, TokenRecord> | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as TokenRecord;
    const fingerprint = record.token.fingerprint;
    if (first) {
      if (!first.has(fingerprint)) first.set(fingerprint, record);
    } else if (last.has(fingerprint)) first = new Map(last);
    last.set(fingerprint, record);
  }
  return { last, first: first ?? last };
}

/** Uses by token, and accepted uses by token, in one pass (indexed: it runs once, mostly unoptimised). */
function indexUses(list: readonly TokenUse[]) {
  const all = new Map<string, TokenUse[]>();
  const accepted = new Map<string, TokenUse[]>();
  for (let i = 0; i < list.length; i++) {
    const use = list[i] as TokenUse;
    pushTo(all, use.fingerprint, use);
    if (use.verdict.verdict === 'accepted') pushTo(accepted, use.fingerprint, use);
  }
  return { all, accepted };
}
