/**
 * The panel's main views, switched by `ViewSwitch`: the token list, the lifecycle Timeline (issue 13) and the
 * Compliance view (issue 14). One entry per view: adding a view is one line here and one branch in `App`'s
 * `MainView`.
 */
export type PanelView = 'tokens' | 'timeline' | 'compliance';

export const PANEL_VIEWS: ReadonlyArray<{ id: PanelView; label: string }> = [
  { id: 'tokens', label: 'Tokens' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'compliance', label: 'Compliance' },
];
