import type { FirefoxSession } from './firefox-session';

/**
 * Chrome-context helpers for Firefox's DevTools toolbox and the extension's pages inside it. Each is a
 * script run by {@link FirefoxSession.chrome}; they use Firefox internals (the DevTools loader, the
 * extension's view list, Marionette's window actor), which is fine for a test and nothing ships them.
 */

/** Extension page types as Firefox names them (ExtensionParent's `viewType`). */
export type ViewType = 'devtools_page' | 'devtools_panel';

const PRELUDE = `
const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
const { gDevTools } = require('devtools/client/framework/devtools');
const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const win = Services.wm.getMostRecentWindow('navigator:browser');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const extensionViews = (addonId) => [...(ExtensionParent.GlobalManager.getExtension(addonId)?.views ?? [])];
`;

/** A tool the extension added to the toolbox. */
export interface ExtensionTool {
  id: string;
  label: string;
}

/** Opens the toolbox on the selected tab (console first, as a user would) and lists the extension's tools. */
export function openToolbox(session: FirefoxSession): Promise<ExtensionTool[]> {
  return session.chrome(
    `${PRELUDE}
const toolbox = await gDevTools.showToolboxForTab(win.gBrowser.selectedTab, { toolId: 'webconsole' });
// devtools.panels.create() is asynchronous: the tool appears shortly after the toolbox.
for (let i = 0; i < 100; i++) {
  const tools = [...toolbox.getAdditionalTools()].filter((t) => t.extensionId === args[0]);
  if (tools.length > 0) return tools.map((t) => ({ id: t.id, label: t.label }));
  await sleep(100);
}
return [];`,
    [session.addonId],
  );
}

/** Selects a toolbox tool (an extension panel's id from {@link openToolbox}). */
export function selectTool(session: FirefoxSession, toolId: string): Promise<void> {
  return session.chrome(
    `${PRELUDE}
const toolbox = gDevTools.getToolboxForTab(win.gBrowser.selectedTab);
await toolbox.selectTool(args[0]);`,
    [toolId],
  );
}

/** Waits until the extension has a page of `viewType` and returns its URL. */
export function waitForView(
  session: FirefoxSession,
  viewType: ViewType,
  timeoutMs = 20_000,
): Promise<string> {
  return session.chrome(
    `${PRELUDE}
const deadline = Date.now() + args[2];
for (;;) {
  const view = extensionViews(args[0]).find((v) => v.viewType === args[1]);
  if (view) return view.uri.spec;
  if (Date.now() > deadline) throw new Error('no ' + args[1] + ' view; views: ' + extensionViews(args[0]).map((v) => v.viewType).join(', '));
  await sleep(100);
}`,
    [session.addonId, viewType, timeoutMs],
  );
}

/**
 * Evaluates `expression` (plain JS, no closures over test code) in the extension page of `viewType` and
 * returns its JSON-able value. The page runs in the extension process; Marionette's window actor carries
 * the script there and the value back.
 */
export function evaluateInView<T>(
  session: FirefoxSession,
  viewType: ViewType,
  expression: string,
): Promise<T> {
  return session.chrome(
    `${PRELUDE}
const view = extensionViews(args[0]).find((v) => v.viewType === args[1]);
if (!view) throw new Error('no ' + args[1] + ' view');
const actor = view.xulBrowser.browsingContext.currentWindowGlobal.getActor('MarionetteCommands');
return actor.executeScript('return (' + args[2] + ');', [], {});`,
    [session.addonId, viewType, expression],
  );
}

/** Polls `expression` in an extension page until it is truthy; returns that value. */
export async function waitInView<T>(
  session: FirefoxSession,
  viewType: ViewType,
  expression: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await evaluateInView<T>(session, viewType, expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting in ${viewType} for: ${expression}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A message Firefox logged about one of the extension's pages or scripts. */
export interface ExtensionMessage {
  /** `error`, `warning` or `info` for script/CSP errors; the console method for console API calls. */
  level: string;
  message: string;
  source: string;
}

/**
 * Everything Firefox logged that concerns the extension: script errors, CSP violations and load failures
 * (the console service) and the extension's own console calls (console API storage). Messages about the
 * inspected page are not the extension's and are left out.
 */
export function extensionMessages(session: FirefoxSession): Promise<ExtensionMessage[]> {
  return session.chrome(
    `${PRELUDE}
const host = WebExtensionPolicy.getByID(args[0]).mozExtensionHostname;
const ours = (text) => String(text ?? '').includes(host);
const out = [];
for (const entry of Services.console.getMessageArray()) {
  if (!(entry instanceof Ci.nsIScriptError)) {
    if (ours(entry.message)) out.push({ level: 'info', message: entry.message, source: '' });
    continue;
  }
  if (!ours(entry.sourceName) && !ours(entry.errorMessage)) continue;
  const level = entry.flags & Ci.nsIScriptError.warningFlag ? 'warning' : entry.flags & Ci.nsIScriptError.infoFlag ? 'info' : 'error';
  out.push({ level, message: entry.category + ': ' + entry.errorMessage, source: entry.sourceName + ':' + entry.lineNumber });
}
const storage = Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage);
for (const event of storage.getEvents()) {
  if (event.addonId !== args[0] && !ours(event.filename)) continue;
  out.push({ level: event.level, message: (event.arguments ?? []).map((a) => String(a)).join(' '), source: event.filename + ':' + event.lineNumber });
}
return out;`,
    [session.addonId],
  );
}
