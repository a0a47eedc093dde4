import { batch, type ReadonlySignal, signal } from '@preact/signals';
import { DEFAULT_POLICY, resolvePolicy } from '../../core/policy';
import { RULE_IDS } from '../../core/rules/catalog';
import type { Policy } from '../../core/types';
import type { SettingsStore } from '../capture-source';
import { normalizeSettings, type StoredSettings } from './stored-settings';

/** Whether settings are loaded, saved, or failed to save. */
export type SettingsStatus = 'loading' | 'ready' | 'saved' | 'invalid' | 'save-failed';

/** The settings dialog's model: a policy JSON editor validated by the core, plus persisted toggles. */
export interface SettingsModel {
  /** The policy in force (defaults until the user applies a valid one). */
  policy: ReadonlySignal<Policy>;
  /** Text in the editor, possibly invalid. */
  draft: ReadonlySignal<string>;
  /** Why the draft was rejected, one line each; empty when it is valid. */
  errors: ReadonlySignal<string[]>;
  status: ReadonlySignal<SettingsStatus>;
  preserveLog: ReadonlySignal<boolean>;
  load(): Promise<void>;
  setDraft(text: string): void;
  /** Validates the draft; when valid, puts it in force and saves it. Returns whether it was applied. */
  apply(): Promise<boolean>;
  /** Back to the default policy (saved). */
  reset(): Promise<void>;
  setPreserveLog(value: boolean): Promise<void>;
}

/** The default policy as the editor shows it: complete, so users see every knob they can turn. */
export const DEFAULT_POLICY_TEXT = JSON.stringify(DEFAULT_POLICY, null, 2);

/** Parses and validates policy text; the same `resolvePolicy` the CLI's `--policy` uses. */
export function checkPolicyText(
  text: string,
): { ok: true; policy: Policy } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['The policy is not valid JSON.'] };
  }
  return resolvePolicy(json, RULE_IDS);
}

/** Creates the settings model over a store (the glue backs it with `storage.local`). */
export function createSettingsModel(store: SettingsStore): SettingsModel {
  const policy = signal<Policy>(DEFAULT_POLICY);
  const draft = signal(DEFAULT_POLICY_TEXT);
  const errors = signal<string[]>([]);
  const status = signal<SettingsStatus>('loading');
  const preserveLog = signal(false);
  let saved: StoredSettings = { version: 1, policyText: DEFAULT_POLICY_TEXT, preserveLog: false };

  async function save(next: StoredSettings): Promise<boolean> {
    saved = next;
    try {
      await store.save(next);
      return true;
    } catch {
      status.value = 'save-failed';
      return false;
    }
  }

  return {
    policy,
    draft,
    errors,
    status,
    preserveLog,
    async load() {
      let stored: StoredSettings | null = null;
      try {
        stored = normalizeSettings(await store.load());
      } catch {
        stored = null;
      }
      const checked = stored ? checkPolicyText(stored.policyText) : null;
      batch(() => {
        if (stored && checked?.ok) {
          saved = stored;
          policy.value = checked.policy;
          draft.value = stored.policyText;
        }
        if (stored) preserveLog.value = stored.preserveLog;
        // A stored policy that no longer validates (a rule id renamed…) falls back to the defaults, visibly.
        errors.value =
          checked && !checked.ok ? ['The saved policy is no longer valid:', ...checked.errors] : [];
        status.value = 'ready';
      });
    },
    setDraft(text) {
      draft.value = text;
    },
    async apply() {
      const checked = checkPolicyText(draft.value);
      if (!checked.ok) {
        batch(() => {
          errors.value = checked.errors;
          status.value = 'invalid';
        });
        return false;
      }
      batch(() => {
        errors.value = [];
        policy.value = checked.policy;
      });
      const ok = await save({ ...saved, policyText: draft.value });
      if (ok) status.value = 'saved';
      return true;
    },
    async reset() {
      draft.value = DEFAULT_POLICY_TEXT;
      errors.value = [];
      policy.value = DEFAULT_POLICY;
      if (await save({ ...saved, policyText: DEFAULT_POLICY_TEXT })) status.value = 'saved';
    },
    async setPreserveLog(value) {
      preserveLog.value = value;
      await save({ ...saved, preserveLog: value });
    },
  };
}
