import type { RuleInfo } from '../../types';
import { CONTEXT_CATALOG } from './context';
import { DRIFT_CATALOG } from './drift';
import { ENGINE_CATALOG } from './engine';
import { LIFECYCLE_CATALOG } from './lifecycle';
import { PANEL_CATALOG } from './panel';
import { PROBE_CATALOG } from './probe';
import { SECRETS_CATALOG } from './secrets';
import { SIGNATURES_CATALOG } from './signatures';
import { TOKEN_CATALOG } from './token';

/** Every rule JWT Lens can report. Ids are stable: policies, ignore lists and exports name them. */
export const RULE_CATALOG: readonly RuleInfo[] = [
  ...TOKEN_CATALOG,
  ...CONTEXT_CATALOG,
  ...LIFECYCLE_CATALOG,
  ...SECRETS_CATALOG,
  ...SIGNATURES_CATALOG,
  ...PANEL_CATALOG,
  ...DRIFT_CATALOG,
  ...PROBE_CATALOG,
  ...ENGINE_CATALOG,
];

const BY_ID = new Map(RULE_CATALOG.map((info) => [info.id, info]));

/** The catalog entry for a rule id, or `undefined` for an unknown id. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** All rule ids, for validating policies and ignore lists. */
export const RULE_IDS: readonly string[] = RULE_CATALOG.map((info) => info.id);
