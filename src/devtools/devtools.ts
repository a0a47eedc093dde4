import browser from 'webextension-polyfill';
import { PANEL_ICON, PANEL_PAGE, PANEL_TITLE } from './panel-meta';

// The devtools page is created hidden with every DevTools window and only registers the panel. Capture
// lives in the panel page (devtools-source.ts explains why nothing is buffered here).
// Root-relative paths: Chromium resolves these against the extension root either way, but Firefox
// resolves a bare relative path against this page (src/devtools/), which would load a missing panel page.
void browser.devtools.panels.create(PANEL_TITLE, `/${PANEL_ICON}`, `/${PANEL_PAGE}`);

// Only in the deliberately leaky test build (JWT_LENS_LEAK_URL at build time): an Image beacon, the
// kind of egress connect-src does not cover, so the zero-egress e2e test can prove it catches one.
if (__JWT_LENS_LEAK_URL__) {
  const beacon = new Image();
  beacon.src = `${__JWT_LENS_LEAK_URL__}?from=devtools-page`;
}
