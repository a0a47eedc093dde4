import { computed, type ReadonlySignal } from '@preact/signals';
import type { ServerVerdict } from '../../core/lifecycle/types';
import type { AuditResult, Finding, TokenRecord } from '../../core/types';
import { type FamilyLinks, familyLinksOf, verdictsBySighting } from './lifecycle-view';
import { type Filters, type FindingIndex, filterOptions, groupFindings, listRecords, rowOf } from './rows';
import type { TokenRow } from './token-row';

/** Everything the list and the detail view derive from the audit result, as `computed` signals. */
export interface TokensView {
  /** The tokens the filters let through, in list order (first seen, or most severe first). */
  visible: ReadonlySignal<TokenRecord[]>;
  /** Findings per token fingerprint. */
  findingIndex: ReadonlySignal<FindingIndex>;
  /** Values offered by the host and rule filter menus. */
  filterOptions: ReadonlySignal<{ hosts: string[]; rules: string[] }>;
  selectedRecord: ReadonlySignal<TokenRecord | null>;
  selectedFindings: ReadonlySignal<readonly Finding[]>;
  /** The families of the selected token (issue 13). */
  selectedFamilies: ReadonlySignal<FamilyLinks[]>;
  /** The server's verdict per sighting id. */
  verdicts: ReadonlySignal<ReadonlyMap<string, ServerVerdict>>;
  /** The list row of a token (reads `findingIndex`, so a component calling it re-renders on updates). */
  rowOf(record: TokenRecord): TokenRow;
}

/** Derives the views; pure core calls under `computed`, recomputed only when their inputs change. */
export function createTokensView(
  result: ReadonlySignal<AuditResult>,
  filters: ReadonlySignal<Filters>,
  selected: ReadonlySignal<string | null>,
): TokensView {
  const findingIndex = computed<FindingIndex>(() => groupFindings(result.value.findings));
  const byFingerprint = computed(() => new Map(result.value.tokens.map((r) => [r.token.fingerprint, r])));
  return {
    visible: computed(() => listRecords(result.value.tokens, findingIndex.value, filters.value)),
    findingIndex,
    filterOptions: computed(() => filterOptions(result.value.tokens, result.value.findings)),
    selectedRecord: computed(() => {
      const fp = selected.value;
      return fp === null ? null : (byFingerprint.value.get(fp) ?? null);
    }),
    selectedFindings: computed(() => {
      const fp = selected.value;
      return fp === null ? [] : (findingIndex.value.get(fp) ?? []);
    }),
    selectedFamilies: computed(() => {
      const fp = selected.value;
      return fp === null ? [] : familyLinksOf(result.value.lifecycle, fp);
    }),
    verdicts: computed(() => verdictsBySighting(result.value.lifecycle)),
    rowOf: (record) => rowOf(record, findingIndex.value),
  };
}
