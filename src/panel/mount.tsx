import { effect, untracked } from '@preact/signals';
import { render } from 'preact';
import { assessCompliance } from '../core/compliance';
import type { BaselineEngine } from '../worker/baseline-methods';
import { App, themeFromName } from './App';
import type { BaselineStore, CaptureSource, SettingsStore } from './capture-source';
import { createBlobDownload, type Download } from './download';
import { type BaselineModel, createBaselineModel } from './models/baseline-model';
import { type AssessCompliance, createComplianceModel } from './models/compliance-model';
import type { HarImporter } from './models/har-file-import';
import type { Scheduler } from './models/scheduler';
import { createSettingsModel, type SettingsModel } from './models/settings-model';
import { createTokensModel, type TokensModel } from './models/tokens-model';
import { createUiModel } from './models/ui-model';
import type { PanelServices, WordlistHandler } from './panel-context';
import { PANEL_TOOL } from './tool-info';
import { warmIntlWhenIdle } from './warm-intl';
import './panel.css';
import './timeline.css';

/** How often relative expiries and time-dependent findings are refreshed, ms. */
const TICK_MS = 30_000;

/** What the host (the devtools glue, the harness page, a test) hands the panel. */
export interface PanelDeps {
  source: CaptureSource;
  settings: SettingsStore;
  /** `browser.devtools.panels.themeName`, when known. */
  themeName?: string;
  onWordlist?: WordlistHandler;
  /**
   * Baselines: learning, reading and drift (the core worker in the extension, so the UI thread never runs
   * them), the one baseline kept (`storage.local`), and a wait for the worker's pending signature and
   * secret checks so a baseline is learned from the same findings `jwt-lens baseline` sees.
   */
  baseline: { engine: BaselineEngine; store: BaselineStore; settleChecks?: () => Promise<void> };
  download?: Download;
  /**
   * The compliance engine; default: core's `assessCompliance` with the panel's tool, for the frameworks the
   * policy selects (all when it selects none). Tests hand-build reports.
   */
  assessCompliance?: AssessCompliance;
  scheduler?: Scheduler;
  /** Where Import HAR streams files through the capture (the core worker); default: in the panel page. */
  importer?: HarImporter;
  /** Wall clock, ms (tests pin it). */
  now?: () => number;
}

/** The mounted panel: its models (for the glue to wire the worker's findings in) and a way to unmount. */
export interface PanelHandle {
  tokens: TokensModel;
  settings: SettingsModel;
  baseline: BaselineModel;
  unmount(): void;
}

/**
 * Renders the panel into `root` and starts capture. The only entry point of `src/panel`: everything
 * browser-specific arrives in `deps`, so the same call serves DevTools, the harness page and tests.
 */
export function mountPanel(root: Element, deps: PanelDeps): PanelHandle {
  const clock = deps.now ?? Date.now;
  const settings = createSettingsModel(deps.settings);
  const tokens = createTokensModel(deps.source, {
    now: clock,
    ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
    ...(deps.importer ? { importer: deps.importer } : {}),
  });
  const download = deps.download ?? createBlobDownload(root.ownerDocument);
  const baseline = createBaselineModel({
    tokens,
    engine: deps.baseline.engine,
    store: deps.baseline.store,
    download,
    tool: PANEL_TOOL,
    policy: settings.policy,
    ...(deps.baseline.settleChecks ? { settleChecks: deps.baseline.settleChecks } : {}),
  });
  const assess: AssessCompliance = (result) => {
    // Read in the compliance computed: comparing (or stopping) reassesses the drift rules' controls.
    const active = baseline.active.value;
    return assessCompliance(result, { tool: PANEL_TOOL, ...(active ? { baseline: active } : {}) });
  };
  const services: PanelServices = {
    tokens,
    settings,
    ui: createUiModel(),
    baseline,
    compliance: createComplianceModel(tokens.result, deps.assessCompliance ?? assess),
    download,
    clock: () => new Date(clock()),
    ...(deps.onWordlist ? { onWordlist: deps.onWordlist } : {}),
  };
  // Settings drive the tokens model; `untracked` keeps the model's own signals out of these effects.
  const stopPolicy = effect(() => {
    const policy = settings.policy.value;
    untracked(() => tokens.setPolicy(policy));
  });
  const stopPreserve = effect(() => {
    const preserve = settings.preserveLog.value;
    untracked(() => tokens.setPreserve(preserve));
  });
  void settings.load();
  void baseline.load();
  void tokens.connect();
  const timer = setInterval(() => tokens.tick(), TICK_MS);
  render(<App services={services} theme={themeFromName(deps.themeName)} />, root);
  warmIntlWhenIdle();
  return {
    tokens,
    settings,
    baseline,
    unmount() {
      clearInterval(timer);
      stopPolicy();
      stopPreserve();
      baseline.dispose();
      tokens.dispose();
      render(null, root);
    },
  };
}
