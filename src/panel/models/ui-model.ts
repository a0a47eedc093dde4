import { type ReadonlySignal, signal } from '@preact/signals';
import type { TimelineGrouping } from './timeline-lanes';

export type DialogName = 'paste' | 'settings';

/** The left pane: the token list, or the lifecycle Timeline. */
export type PanelView = 'tokens' | 'timeline';

/** A finding the detail view should scroll to (opened from a Timeline marker). */
export interface FindingTarget {
  fingerprint: string;
  ruleId: string;
  detail: string;
}

/** A one-line outcome of the last user action, shown in the status bar. */
export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

/** Panel-only UI state: nothing here is persisted or exported. */
export interface UiModel {
  /** "Include raw tokens" for exports; off by default, and deliberately not remembered. */
  includeRaw: ReadonlySignal<boolean>;
  /** Show the selected token in full instead of its masked form. */
  revealToken: ReadonlySignal<boolean>;
  dialog: ReadonlySignal<DialogName | null>;
  message: ReadonlySignal<StatusMessage | null>;
  view: ReadonlySignal<PanelView>;
  timelineGrouping: ReadonlySignal<TimelineGrouping>;
  focusFinding: ReadonlySignal<FindingTarget | null>;
  setView(view: PanelView): void;
  setTimelineGrouping(grouping: TimelineGrouping): void;
  /** Asks the detail view to bring a finding into view (`null` once done). */
  showFinding(target: FindingTarget | null): void;
  setIncludeRaw(value: boolean): void;
  setRevealToken(value: boolean): void;
  open(dialog: DialogName): void;
  close(): void;
  say(message: StatusMessage | null): void;
}

/** Creates the UI model. */
export function createUiModel(): UiModel {
  const includeRaw = signal(false);
  const revealToken = signal(false);
  const dialog = signal<DialogName | null>(null);
  const message = signal<StatusMessage | null>(null);
  const view = signal<PanelView>('tokens');
  const timelineGrouping = signal<TimelineGrouping>('family');
  const focusFinding = signal<FindingTarget | null>(null);
  return {
    view,
    timelineGrouping,
    focusFinding,
    setView: (next) => {
      view.value = next;
    },
    setTimelineGrouping: (next) => {
      timelineGrouping.value = next;
    },
    showFinding: (target) => {
      focusFinding.value = target;
    },
    includeRaw,
    revealToken,
    dialog,
    message,
    setIncludeRaw: (value) => {
      includeRaw.value = value;
    },
    setRevealToken: (value) => {
      revealToken.value = value;
    },
    open: (name) => {
      dialog.value = name;
    },
    close: () => {
      dialog.value = null;
    },
    say: (next) => {
      message.value = next;
    },
  };
}
