import { CAPTURE_RULES, checkObservations } from '../rules/context';
import type { CaptureHit, ExchangeObservation, Policy, RuleHit, TokenRecord } from '../types';

/** A rule that throws on some input must not stop the audit: its failure becomes an `internal-error` hit. */
export function runRules<C>(rules: readonly ((ctx: C) => RuleHit[])[], ctx: C, out: RuleHit[]): void {
  for (const rule of rules) {
    try {
      for (const hit of rule(ctx)) out.push(hit);
    } catch (error) {
      out.push(internalError(rule.name, error));
    }
  }
}

/** Capture-wide rules over all records; a throwing rule becomes an `internal-error` hit. */
export function runCaptureRules(records: readonly TokenRecord[], policy: Policy, now: number): CaptureHit[] {
  const out: CaptureHit[] = [];
  for (const rule of CAPTURE_RULES) {
    try {
      for (const hit of rule(records, policy, now)) out.push(hit);
    } catch (error) {
      out.push({ ...internalError(rule.name, error), fingerprint: '' });
    }
  }
  return out;
}

/** Findings about exchanges (basic auth, passwords in URLs…), guarded like the rules. */
export function safeObservations(observations: readonly ExchangeObservation[]): CaptureHit[] {
  try {
    return checkObservations([...observations]);
  } catch (error) {
    return [{ ...internalError('checkObservations', error), fingerprint: '' }];
  }
}

function internalError(ruleName: string, error: unknown): RuleHit {
  const message = error instanceof Error ? error.message : String(error);
  return { ruleId: 'internal-error', detail: `rule ${ruleName || '(anonymous)'} failed: ${message}` };
}
