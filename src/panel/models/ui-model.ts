import { type ReadonlySignal, signal } from '@preact/signals';

export type DialogName = 'paste' | 'settings';

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
  return {
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
