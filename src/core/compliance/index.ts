export { assessCompliance, type ComplianceOptions } from './assess';
export { CONTROLS, findControl } from './controls';
export type { EvidenceKind, MappingCondition } from './evidence-kinds';
export { CONDITION_TEXT } from './evidence-kinds';
export { FRAMEWORK_IDS, FRAMEWORKS, isFrameworkId } from './frameworks';
export {
  CONTROL_MAPPINGS,
  controlIds,
  mappingsOf,
  mappingsOfRule,
  RULE_MAPPINGS,
  type RuleMapping,
  UNMAPPED_RULES,
} from './mappings';
export { canonicalJson, policyDigest } from './scope';
export type * from './types';
