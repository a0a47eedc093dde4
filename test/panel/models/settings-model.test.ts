import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { SettingsStore } from '../../../src/panel/capture-source';
import { createSettingsModel, DEFAULT_POLICY_TEXT } from '../../../src/panel/models/settings-model';

function memoryStore(initial?: unknown): SettingsStore & { value: unknown; saves: number } {
  const store = {
    value: initial,
    saves: 0,
    load: async () => store.value,
    save: async (v: unknown) => {
      store.value = v;
      store.saves++;
    },
  };
  return store;
}

describe('createSettingsModel', () => {
  it('starts from the default policy when nothing is stored', async () => {
    const settings = createSettingsModel(memoryStore());
    await settings.load();
    expect(settings.policy.value).toEqual(DEFAULT_POLICY);
    expect(settings.draft.value).toBe(DEFAULT_POLICY_TEXT);
    expect(settings.status.value).toBe('ready');
    expect(settings.errors.value).toEqual([]);
  });

  it('applies and saves a valid policy, which survives a reload', async () => {
    const store = memoryStore();
    const settings = createSettingsModel(store);
    await settings.load();
    settings.setDraft('{ "allowedAlgorithms": ["ES256"] }');
    expect(await settings.apply()).toBe(true);
    expect(settings.policy.value.allowedAlgorithms).toEqual(['ES256']);
    expect(settings.status.value).toBe('saved');
    const again = createSettingsModel(store);
    await again.load();
    expect(again.policy.value.allowedAlgorithms).toEqual(['ES256']);
    expect(again.draft.value).toBe('{ "allowedAlgorithms": ["ES256"] }');
  });

  it('rejects invalid JSON and invalid policies with reasons, keeping the policy in force', async () => {
    const store = memoryStore();
    const settings = createSettingsModel(store);
    await settings.load();
    settings.setDraft('{ nope');
    expect(await settings.apply()).toBe(false);
    expect(settings.errors.value).toEqual(['The policy is not valid JSON.']);
    settings.setDraft('{ "lifetime": { "low": "1h" }, "ignore": [{ "ruleId": "no-such-rule" }] }');
    expect(await settings.apply()).toBe(false);
    expect(settings.errors.value.join('\n')).toMatch(/policy\.lifetime\.low/);
    expect(settings.errors.value.join('\n')).toMatch(/no-such-rule/);
    expect(settings.status.value).toBe('invalid');
    expect(settings.policy.value).toEqual(DEFAULT_POLICY);
    expect(store.saves).toBe(0);
  });

  it('falls back to defaults, visibly, when the stored policy no longer validates', async () => {
    const settings = createSettingsModel(
      memoryStore({ version: 1, policyText: '{"bogus": 1}', preserveLog: true }),
    );
    await settings.load();
    expect(settings.policy.value).toEqual(DEFAULT_POLICY);
    expect(settings.errors.value[0]).toBe('The saved policy is no longer valid:');
    expect(settings.preserveLog.value).toBe(true);
  });

  it('ignores garbage in storage and a store that throws', async () => {
    const broken: SettingsStore = {
      load: async () => {
        throw new Error('quota');
      },
      save: async () => {
        throw new Error('quota');
      },
    };
    const settings = createSettingsModel(broken);
    await settings.load();
    expect(settings.policy.value).toEqual(DEFAULT_POLICY);
    settings.setDraft('{}');
    expect(await settings.apply()).toBe(true);
    expect(settings.status.value).toBe('save-failed');
  });

  it('persists "preserve log" and resets the policy', async () => {
    const store = memoryStore();
    const settings = createSettingsModel(store);
    await settings.load();
    await settings.setPreserveLog(true);
    expect(store.value).toMatchObject({ version: 1, preserveLog: true });
    settings.setDraft('{ "requiredClaims": ["jti"] }');
    await settings.apply();
    await settings.reset();
    expect(settings.policy.value).toEqual(DEFAULT_POLICY);
    expect(store.value).toMatchObject({ policyText: DEFAULT_POLICY_TEXT, preserveLog: true });
  });
});
