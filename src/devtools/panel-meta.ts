/** The panel's title, exactly as DevTools shows it; the e2e harness derives the DevTools panel id from it. */
export const PANEL_TITLE = 'JWT Lens';
/** The panel page, relative to the extension root as `devtools.panels.create()` wants it. */
export const PANEL_PAGE = 'src/panel/panel.html';
/** The panel's tab icon, relative to the extension root. */
export const PANEL_ICON = 'icons/icon-32.png';
