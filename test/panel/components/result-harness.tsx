import { signal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import { assessCompliance } from '../../../src/core/compliance';
import type { AuditResult } from '../../../src/core/types';
import type { BaselineModel } from '../../../src/panel/models/baseline-model';
import { createComplianceModel } from '../../../src/panel/models/compliance-model';
import { EMPTY_FILTERS, type Filters } from '../../../src/panel/models/rows';
import type { SettingsModel } from '../../../src/panel/models/settings-model';
import type { TokensModel } from '../../../src/panel/models/tokens-model';
import { createTokensView } from '../../../src/panel/models/tokens-view';
import { createUiModel, type UiModel } from '../../../src/panel/models/ui-model';
import { PanelContext, type PanelServices } from '../../../src/panel/panel-context';
import { PANEL_TOOL } from '../../../src/panel/tool-info';
import { NOW } from '../fixtures';
import { mount } from './render';

export interface ResultPanel {
  root: HTMLElement;
  tokens: TokensModel;
  ui: UiModel;
  setResult(result: AuditResult): void;
  unmount(): void;
}

/**
 * Mounts components over a hand-built `AuditResult`: the tokens model's views (the real `createTokensView`)
 * over a result signal the test sets, instead of a capture. Only what components read is provided.
 */
export function mountWithResult(result: AuditResult, node: ComponentChild): ResultPanel {
  const resultSignal = signal(result);
  const filters = signal<Filters>(EMPTY_FILTERS);
  const selected = signal<string | null>(null);
  const tokens = {
    ...createTokensView(resultSignal, filters, selected),
    result: resultSignal,
    now: signal(NOW),
    filters,
    selected,
    select: (fp: string | null) => {
      selected.value = fp;
    },
    setFilters: (patch: Partial<Filters>) => {
      filters.value = { ...filters.peek(), ...patch };
    },
    probeResults: signal(new Map()),
    exchange: () => undefined,
    records: () => resultSignal.peek().tokens,
  } as unknown as TokensModel;
  const ui = createUiModel();
  const services: PanelServices = {
    tokens,
    ui,
    settings: {} as SettingsModel,
    baseline: {
      kept: signal(null),
      comparing: signal(false),
      active: signal(null),
    } as unknown as BaselineModel,
    compliance: createComplianceModel(resultSignal, (r) => assessCompliance(r, { tool: PANEL_TOOL })),
    download: () => undefined,
    clock: () => new Date(NOW * 1000),
  };
  const { root, unmount } = mount(<PanelContext.Provider value={services}>{node}</PanelContext.Provider>);
  return {
    root,
    tokens,
    ui,
    setResult: (next) => {
      resultSignal.value = next;
    },
    unmount,
  };
}
