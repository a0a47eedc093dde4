/**
 * The panel's main views, switched by `ViewSwitch`. One entry per view: adding a view (issue 13's timeline)
 * is one line here and one branch in `App`'s `MainView`.
 */
export type PanelView = 'list' | 'compliance';

export const PANEL_VIEWS: ReadonlyArray<{ id: PanelView; label: string }> = [
  { id: 'list', label: 'Tokens' },
  { id: 'compliance', label: 'Compliance' },
];
