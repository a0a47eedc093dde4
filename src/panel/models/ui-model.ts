import { type ReadonlySignal, signal } from '@preact/signals';
import type { PanelView } from './panel-views';
import type { TimelineGrouping } from './timeline-lanes';

export type DialogName = 'paste' | 'settings';

/** A one-line outcome of the last user action, shown in the status bar. */
export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

/**
 * A finding to bring into view in the token detail, after a click-through from another view (a Timeline
 * finding marker, a control's "Show in token detail"). Without `detail`, the token's first finding of
 * `ruleId` is the one; with it, exactly that finding. A new object per request: asking again scrolls again.
 */
export interface FindingFocus {
  fingerprint: string;
  ruleId: string;
  detail?: string;
}

/** Panel-only UI state: nothing here is persisted or exported. */
export interface UiModel {
  /** "Include raw tokens" for exports; off by default, and deliberately not remembered. */
  includeRaw: ReadonlySignal<boolean>;
  /** Show the selected token in full instead of its masked form. */
  revealToken: ReadonlySignal<boolean>;
  dialog: ReadonlySignal<DialogName | null>;
  message: ReadonlySignal<StatusMessage | null>;
  /** The main view: the token list, the Timeline or the Compliance view. */
  view: ReadonlySignal<PanelView>;
  timelineGrouping: ReadonlySignal<TimelineGrouping>;
  /** The finding the token detail should scroll to and mark, when its token is selected. */
  focusFinding: ReadonlySignal<FindingFocus | null>;
  setIncludeRaw(value: boolean): void;
  setRevealToken(value: boolean): void;
  open(dialog: DialogName): void;
  close(): void;
  say(message: StatusMessage | null): void;
  setView(view: PanelView): void;
  setTimelineGrouping(grouping: TimelineGrouping): void;
  /** Marks a finding for the token detail (`null` clears it); selecting its token is the caller's job. */
  showFinding(focus: FindingFocus | null): void;
}

/** Creates the UI model. */
export function createUiModel(): UiModel {
  const includeRaw = signal(false);
  const revealToken = signal(false);
  const dialog = signal<DialogName | null>(null);
  const message = signal<StatusMessage | null>(null);
  const view = signal<PanelView>('tokens');
  const timelineGrouping = signal<TimelineGrouping>('family');
  const focusFinding = signal<FindingFocus | null>(null);
  return {
    includeRaw,
    revealToken,
    dialog,
    message,
    view,
    timelineGrouping,
    focusFinding,
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
    setView: (next) => {
      view.value = next;
    },
    setTimelineGrouping: (next) => {
      timelineGrouping.value = next;
    },
    showFinding: (next) => {
      focusFinding.value = next;
    },
  };
}
