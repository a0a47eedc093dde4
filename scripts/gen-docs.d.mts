import type { Reference, RuleInfo } from '../src/core/types';

export const RULES_DOC: string;
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
/** Every generated file (path relative to the repository) with the text it should have. */
export function generatedFiles(
  catalog: readonly RuleInfo[],
  formatReference: (reference: Reference) => string,
  readme: string,
): Record<string, string>;
