import { CONTROLS } from './controls';
import type { MappingCondition } from './evidence-kinds';
import { RULE_MAPPINGS } from './mapping-table';
import type { Control, ControlMapping, FrameworkId } from './types';
import { UNMAPPED_RULES } from './unmapped-rules';

/** A rule → control mapping as the engine reads it: the contract's fields, and the condition if any. */
export interface RuleMapping extends ControlMapping {
  when?: MappingCondition;
}

/** Every rule → control mapping, in table order. */
export const CONTROL_MAPPINGS: readonly RuleMapping[] = Object.entries(RULE_MAPPINGS).flatMap(
  ([ruleId, row]) => row.controls.map((cell) => ({ ruleId, ...cell })),
);

export { RULE_MAPPINGS, UNMAPPED_RULES };

/** The mappings onto one control. */
export function mappingsOf(control: Control): RuleMapping[] {
  return CONTROL_MAPPINGS.filter((m) => m.framework === control.framework && m.control === control.id);
}

/** The mappings of one rule (empty for an unmapped or unknown rule). */
export function mappingsOfRule(ruleId: string): RuleMapping[] {
  return CONTROL_MAPPINGS.filter((m) => m.ruleId === ruleId);
}

/** Every control id of a framework, for policy checks. */
export function controlIds(framework: FrameworkId): string[] {
  return CONTROLS[framework].map((control) => control.id);
}
