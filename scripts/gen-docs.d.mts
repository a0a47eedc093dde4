import type * as Compliance from '../src/core/compliance';
import type { Reference, RuleInfo } from '../src/core/types';

/** The compliance module (src/core/compliance/index.ts) the docs are generated from. */
export type ComplianceModule = typeof Compliance;

export const RULES_DOC: string;
export const COMPLIANCE_DOC: string;
export const START: string;
export const END: string;
/** Markdown-safe prose: emphasis, pipes and brackets escaped outside code spans, pipes inside. */
export function escapeProse(text: string): string;
/** `docs/RULES.md`: a table of every rule, then why each one matters. */
export function renderRulesDoc(
  catalog: readonly RuleInfo[],
  formatReference: (reference: Reference) => string,
): string;
/** The README's rule list between its markers. */
export function renderReadmeRules(catalog: readonly RuleInfo[]): string;
/** README text with its marked block replaced; throws when the markers are missing or repeated. */
export function spliceReadme(readme: string, block: string): string;
/** `docs/COMPLIANCE.md`: controls per framework with the rules that evidence them, then each rule's controls. */
export function renderComplianceDoc(catalog: readonly RuleInfo[], compliance: ComplianceModule): string;
/** Every generated file (path relative to the repository) with the text it should have. */
export function generatedFiles(
  catalog: readonly RuleInfo[],
  formatReference: (reference: Reference) => string,
  readme: string,
  compliance: ComplianceModule,
): Record<string, string>;
