import { isRecord } from './guards';

/** What the panel persists (through `SettingsStore`): the user's settings and nothing else. */
export interface StoredSettings {
  version: 1;
  /** The policy exactly as the user typed it, so their formatting survives a reload. */
  policyText: string;
  preserveLog: boolean;
}

/** Longest policy text accepted from storage; a policy is a few kilobytes at most. */
const MAX_POLICY_CHARS = 1024 * 1024;

/**
 * Settings read back from storage, or `null` when there are none or they are unusable. Storage is
 * shared with whatever wrote it before (an older version, a user poking at it), so nothing is assumed.
 */
export function normalizeSettings(value: unknown): StoredSettings | null {
  if (!isRecord(value) || value.version !== 1) return null;
  const { policyText, preserveLog } = value;
  if (typeof policyText !== 'string' || policyText.length > MAX_POLICY_CHARS) return null;
  return { version: 1, policyText, preserveLog: preserveLog === true };
}
