import { computed, type ReadonlySignal } from '@preact/signals';
import type { AuditResult, Finding, TokenRecord } from '../../core/types';
import { buildRows, type Filters, filterOptions, filterRows, groupFindings } from './rows';
import type { TokenRow } from './token-row';

/** Everything the list and the detail view derive from the audit result, as `computed` signals. */
export interface TokensView {
  /** One row per token, unfiltered. */
  rows: ReadonlySignal<TokenRow[]>;
  /** The rows the filters let through, in list order. */
  visibleRows: ReadonlySignal<TokenRow[]>;
  /** Values offered by the host and rule filter menus. */
  filterOptions: ReadonlySignal<{ hosts: string[]; rules: string[] }>;
  selectedRecord: ReadonlySignal<TokenRecord | null>;
  selectedFindings: ReadonlySignal<Finding[]>;
}

/** Derives the views; pure core calls under `computed`, recomputed only when their inputs change. */
export function createTokensView(
  result: ReadonlySignal<AuditResult>,
  filters: ReadonlySignal<Filters>,
  selected: ReadonlySignal<string | null>,
): TokensView {
  const rows = computed(() => buildRows(result.value));
  const byFingerprint = computed(() => new Map(result.value.tokens.map((r) => [r.token.fingerprint, r])));
  const findingsByFingerprint = computed(() => groupFindings(result.value.findings));
  return {
    rows,
    visibleRows: computed(() => filterRows(rows.value, filters.value)),
    filterOptions: computed(() => filterOptions(rows.value)),
    selectedRecord: computed(() => {
      const fp = selected.value;
      return fp === null ? null : (byFingerprint.value.get(fp) ?? null);
    }),
    selectedFindings: computed(() => {
      const fp = selected.value;
      return fp === null ? [] : (findingsByFingerprint.value.get(fp) ?? []);
    }),
  };
}
