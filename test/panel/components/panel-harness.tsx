import { act } from 'preact/test-utils';
import type { BaselineStore, SettingsStore, StorageItem } from '../../../src/panel/capture-source';
import type { AssessCompliance } from '../../../src/panel/models/compliance-model';
import type { ExportFile } from '../../../src/panel/models/export-report';
import { createManualScheduler } from '../../../src/panel/models/scheduler';
import { mountPanel, type PanelDeps, type PanelHandle } from '../../../src/panel/mount';
import { createReplaySource, type ReplaySource } from '../../../src/panel/replay-source';
import { localBaselineEngine, memoryBaselineStore } from '../baseline-deps';
import { NOW } from '../fixtures';

export interface MountedPanel {
  root: HTMLElement;
  source: ReplaySource;
  handle: PanelHandle;
  downloads: ExportFile[];
  wordlists: Array<{ text: string; name: string }>;
  store: SettingsStore & { value: unknown };
  /** The `storage.local` slot of the kept baseline. */
  baselineStore: BaselineStore & { value: unknown };
  /** Runs one animation frame's work and lets Preact render. */
  frame(): Promise<void>;
  unmount(): void;
}

/** Lets pending promises settle and Preact flush its renders. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

/** Mounts the whole panel as the extension does, over a replay source and in-memory settings. */
export async function mountTestPanel(
  options: {
    storage?: StorageItem[];
    origin?: string;
    themeName?: string;
    settings?: unknown;
    assessCompliance?: AssessCompliance;
    /** Text in the baseline's storage slot when the panel opens. */
    storedBaseline?: string;
  } = {},
): Promise<MountedPanel> {
  const source = createReplaySource([], {
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
  });
  const scheduler = createManualScheduler();
  const downloads: ExportFile[] = [];
  const wordlists: Array<{ text: string; name: string }> = [];
  const store = {
    value: options.settings,
    load: async () => store.value,
    save: async (v: unknown) => {
      store.value = v;
    },
  };
  const baselineStore = memoryBaselineStore(options.storedBaseline);
  const root = document.createElement('div');
  document.body.append(root);
  const deps: PanelDeps = {
    source,
    settings: store,
    baseline: { engine: localBaselineEngine(), store: baselineStore },
    scheduler: scheduler.schedule,
    now: () => NOW * 1000,
    download: (file) => downloads.push(file),
    onWordlist: (text, name) => {
      wordlists.push({ text, name });
      return `Loaded ${name}`;
    },
    ...(options.themeName ? { themeName: options.themeName } : {}),
    ...(options.assessCompliance ? { assessCompliance: options.assessCompliance } : {}),
  };
  let handle: PanelHandle | undefined;
  act(() => {
    handle = mountPanel(root, deps);
  });
  await settle();
  const frame = async () => {
    act(() => {
      scheduler.run();
    });
    await settle();
  };
  const unmount = () => {
    act(() => handle?.unmount());
    root.remove();
  };
  return {
    root,
    source,
    handle: handle as PanelHandle,
    downloads,
    wordlists,
    store,
    baselineStore,
    frame,
    unmount,
  };
}
