import { ComplianceView } from './components/ComplianceView';
import { FilterBar } from './components/FilterBar';
import { PasteDialog } from './components/PasteDialog';
import { SettingsDialog } from './components/SettingsDialog';
import { StatusBar } from './components/StatusBar';
import { Timeline } from './components/Timeline';
import { TokenDetail } from './components/TokenDetail';
import { TokenList } from './components/TokenList';
import { Toolbar } from './components/Toolbar';
import { ViewSwitch } from './components/ViewSwitch';
import type { PanelView } from './models/panel-views';
import { PanelContext, type PanelServices } from './panel-context';

/** `light`/`dark` follow DevTools' own theme; `auto` follows prefers-color-scheme (see panel.css). */
export type PanelTheme = 'light' | 'dark' | 'auto';

/**
 * Maps DevTools' `panels.themeName` to a theme: Chrome says `default` or `dark`, Firefox `light`, `dark`
 * or `none`. Anything else (or nothing) follows the system.
 */
export function themeFromName(name: unknown): PanelTheme {
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light') return 'light';
  return 'auto';
}

/** The token list with its column heads. */
function ListPane() {
  return (
    <div class="list-pane">
      <div class="list-head" aria-hidden="true">
        <span class="cell cell-severity">Severity</span>
        <span class="cell cell-purpose">Purpose</span>
        <span class="cell cell-where">Seen in</span>
        <span class="cell cell-iss">Issuer</span>
        <span class="cell cell-sub">Subject</span>
        <span class="cell cell-iat">Issued</span>
        <span class="cell cell-exp">Expiry</span>
      </div>
      <TokenList />
    </div>
  );
}

/** The whole panel. Reads models only through the context; `services` come from `mountPanel`. */
export function App({ services, theme }: { services: PanelServices; theme: PanelTheme }) {
  const dialog = services.ui.dialog.value;
  return (
    <PanelContext.Provider value={services}>
      <div class={`panel theme-${theme}`} data-testid="panel">
        <Toolbar />
        <ViewSwitch />
        <main class="main">
          <MainView view={services.ui.view.value} />
        </main>
        <StatusBar />
        {dialog === 'paste' ? <PasteDialog /> : null}
        {dialog === 'settings' ? <SettingsDialog /> : null}
      </div>
    </PanelContext.Provider>
  );
}

/**
 * The view the tab strip chose; `#main-view` is the tab panel the tabs control (in `<main>`). The token list
 * and the Timeline share the filters and the token detail beside them.
 */
function MainView({ view }: { view: PanelView }) {
  if (view === 'compliance') return <ComplianceView />;
  return (
    <>
      <FilterBar />
      <div class="split" id="main-view" role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'timeline' ? <Timeline /> : <ListPane />}
        <TokenDetail />
      </div>
    </>
  );
}
