import { effect, untracked } from '@preact/signals';
import { render } from 'preact';
import { assessCompliance } from '../core/compliance';
import { App, themeFromName } from './App';
import type { CaptureSource, SettingsStore } from './capture-source';
import { createBlobDownload, type Download } from './download';
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
  const services: PanelServices = {
    tokens,
    settings,
    ui: createUiModel(),
    compliance: createComplianceModel(
      tokens.result,
      deps.assessCompliance ?? ((result) => assessCompliance(result, { tool: PANEL_TOOL })),
    ),
    download: deps.download ?? createBlobDownload(root.ownerDocument),
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
  void tokens.connect();
  const timer = setInterval(() => tokens.tick(), TICK_MS);
  render(<App services={services} theme={themeFromName(deps.themeName)} />, root);
  warmIntlWhenIdle();
  return {
    tokens,
    settings,
    unmount() {
      clearInterval(timer);
      stopPolicy();
      stopPreserve();
      tokens.dispose();
      render(null, root);
    },
  };
}
