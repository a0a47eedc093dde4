import type { Baseline } from '../core/baseline/types';
import { FRAMEWORK_IDS, isFrameworkId } from '../core/compliance/frameworks';
import type { ComplianceReport, FrameworkId } from '../core/compliance/types';
import type { AuditResult } from '../core/types';
import type { OptionSpec, ParsedArgs } from './args';
import { suggest } from './args';
import { CliError } from './errors';

/** `scan --compliance`: which frameworks get statuses per control. */
export const COMPLIANCE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'compliance',
    kind: 'value',
    commands: ['scan'],
    arg: 'framework[,framework…]|all',
    help:
      `Add pass/fail/not-observed/partial statuses per control of these frameworks (${FRAMEWORK_IDS.join(', ')}, ` +
      'or all) to the report: a compliance section in JSON, properties in SARIF, with --format md the ' +
      'report by framework, with --format html a status table per framework. Default: the policy’s ' +
      'compliance.frameworks, if any.',
  },
];

/** The frameworks a `--compliance` value names; an unknown one is a usage error listing the known ones. */
export function parseFrameworks(value: string): FrameworkId[] {
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  if (names.includes('all')) return [...FRAMEWORK_IDS];
  const out: FrameworkId[] = [];
  for (const name of names) {
    if (isFrameworkId(name)) {
      if (!out.includes(name)) out.push(name);
      continue;
    }
    const guess = suggest(name, FRAMEWORK_IDS);
    const shown = name === '' ? 'an empty framework name' : `unknown framework "${name}"`;
    throw new CliError(
      `option --compliance: ${shown}${guess ? ` (did you mean ${guess}?)` : ''}; known: ${FRAMEWORK_IDS.join(', ')}, all`,
    );
  }
  return out;
}

/**
 * The frameworks to assess: `--compliance`, else the policy's, else all of them when the report is laid
 * out by framework, else none (no compliance section).
 */
export function chooseFrameworks(
  args: ParsedArgs,
  policyFrameworks: readonly FrameworkId[] | undefined,
): FrameworkId[] | undefined {
  const asked = args.value('compliance');
  if (asked !== undefined) return parseFrameworks(asked);
  if (policyFrameworks?.length) return [...policyFrameworks];
  return args.value('group-by') === 'framework' ? [...FRAMEWORK_IDS] : undefined;
}

/**
 * The compliance statuses for the scan's result, when frameworks were chosen (the assessment loads then).
 * With the baseline the scan compared with, the drift rules' controls are assessed and a control that
 * passed in the baseline and fails now says so.
 */
export async function complianceFor(
  result: AuditResult,
  frameworks: readonly FrameworkId[] | undefined,
  inputs: readonly string[],
  baseline?: Baseline,
): Promise<ComplianceReport | undefined> {
  if (!frameworks) return undefined;
  return (await import('./compliance-assess')).assessFrameworks(result, frameworks, inputs, baseline);
}
