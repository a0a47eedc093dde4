import browser from 'webextension-polyfill';
import { PANEL_ICON, PANEL_PAGE, PANEL_TITLE } from './panel-meta';

// The devtools page is created hidden with every DevTools window and only registers the panel. Capture
// lives in the panel page (devtools-source.ts explains why nothing is buffered here).
// Root-relative paths: Chromium resolves these against the extension root either way, but Firefox
// resolves a bare relative path against this page (src/devtools/), which would load a missing panel page.
void browser.devtools.panels.create(PANEL_TITLE, `/${PANEL_ICON}`, `/${PANEL_PAGE}`);

// Firefox keeps no network log for getHAR() until the Network tab is open or some onRequestFinished
// listener exists, so without this the panel would miss every request made before it was first shown.
// The listener keeps nothing: Firefox's own log is the buffer, read by the panel's getHAR() backfill.
// Chromium keeps its log anyway and is spared the IPC. (`runtime.getBrowserInfo`, the usual Firefox probe,
// is not exposed to devtools pages, hence the user-agent test.)
if (/\bFirefox\//.test(navigator.userAgent)) {
  browser.devtools.network.onRequestFinished.addListener(() => {});
}

// Only in the deliberately leaky test build (JWT_LENS_LEAK_URL at build time): an Image beacon, the
// kind of egress connect-src does not cover, so the zero-egress e2e test can prove it catches one.
if (__JWT_LENS_LEAK_URL__) {
  const beacon = new Image();
  beacon.src = `${__JWT_LENS_LEAK_URL__}?from=devtools-page`;
}
