import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Download } from './download';
import type { BaselineModel } from './models/baseline-model';
import type { ComplianceModel } from './models/compliance-model';
import type { SettingsModel } from './models/settings-model';
import type { TokensModel } from './models/tokens-model';
import type { UiModel } from './models/ui-model';

/** Hands a wordlist file to the secret checker (the worker host); resolves to a one-line outcome. */
export type WordlistHandler = (
  text: string,
  fileName: string,
) => string | undefined | Promise<string | undefined>;

/** Everything components read and call: the models and the few side effects they may trigger. */
export interface PanelServices {
  tokens: TokensModel;
  settings: SettingsModel;
  ui: UiModel;
  compliance: ComplianceModel;
  baseline: BaselineModel;
  download: Download;
  /** Wall clock for export times. */
  clock: () => Date;
  onWordlist?: WordlistHandler;
}

/** The one context components read models through (STYLE.md "Panel state: one way round"). */
export const PanelContext = createContext<PanelServices | null>(null);

/** The panel's services; throws only on a programming error (a component rendered outside App). */
export function usePanel(): PanelServices {
  const services = useContext(PanelContext);
  if (!services) throw new Error('usePanel() used outside <PanelContext.Provider>');
  return services;
}
