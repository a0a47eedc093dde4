import { mountPanel } from './mount';

/**
 * Entry of panel.html in the extension. The devtools glue (`src/devtools/panel-deps.ts`) builds the real
 * CaptureSource and SettingsStore from the extension APIs; it is loaded here, never in tests, so
 * `src/panel` itself stays free of `chrome.*`/`browser.*`.
 */
async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const { createPanelDeps } = await import('../devtools/panel-deps');
  const deps = await createPanelDeps();
  // attach() hands the mounted panel to the Web Worker host, so signature and secret checks reach it.
  deps.attach(mountPanel(root, deps));
}

void boot();
