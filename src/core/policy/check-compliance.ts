import { CONTROLS, findControl } from '../compliance/controls';
import { FRAMEWORK_IDS, isFrameworkId } from '../compliance/frameworks';
import type { FrameworkId } from '../compliance/types';
import type { CompliancePolicy, OutOfScopeEntry } from '../types';
import { type Check, checkKeys } from './check-fields';
import { describeJson, didYouMean, isJsonObject } from './describe-json';

const PATH = 'policy.compliance';
const KEYS = ['frameworks', 'outOfScope', 'nistAal'] as const;

function checkFramework(check: Check, path: string, value: unknown): value is FrameworkId {
  if (isFrameworkId(value)) return true;
  const hint = typeof value === 'string' ? didYouMean(value, FRAMEWORK_IDS) : '';
  check.errors.push(
    `${path}: unknown framework ${describeJson(value)}${hint} (expected one of ${FRAMEWORK_IDS.join(', ')})`,
  );
  return false;
}

function checkFrameworks(check: Check, value: unknown): CompliancePolicy['frameworks'] {
  const path = `${PATH}.frameworks`;
  if (!Array.isArray(value)) {
    check.errors.push(`${path}: expected an array of framework ids, got ${describeJson(value)}`);
    return undefined;
  }
  const ok = value.map((item, i) => checkFramework(check, `${path}[${i}]`, item));
  return ok.every(Boolean) ? [...new Set(value as FrameworkId[])] : undefined;
}

function checkEntry(check: Check, path: string, item: unknown): OutOfScopeEntry | undefined {
  if (!isJsonObject(item)) {
    check.errors.push(
      `${path}: expected an object with framework, control and reason, got ${describeJson(item)}`,
    );
    return undefined;
  }
  const before = check.errors.length;
  checkKeys(check, path, item, ['framework', 'control', 'reason']);
  const { framework, control, reason } = item;
  if (checkFramework(check, `${path}.framework`, framework)) {
    if (typeof control !== 'string' || !findControl(framework, control)) {
      const ids = CONTROLS[framework].map((c) => c.id);
      const hint = typeof control === 'string' ? didYouMean(control, ids) : '';
      check.errors.push(
        `${path}.control: unknown ${framework} control ${describeJson(control)}${hint} (JWT Lens maps ${ids.join(', ')})`,
      );
    }
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    check.errors.push(
      `${path}.reason: expected a non-empty reason (reports show it), got ${describeJson(reason)}`,
    );
  }
  return check.errors.length === before ? ({ framework, control, reason } as OutOfScopeEntry) : undefined;
}

function checkOutOfScope(check: Check, value: unknown): OutOfScopeEntry[] | undefined {
  const path = `${PATH}.outOfScope`;
  if (!Array.isArray(value)) {
    check.errors.push(
      `${path}: expected an array of {framework, control, reason}, got ${describeJson(value)}`,
    );
    return undefined;
  }
  const out = value.map((item, i) => checkEntry(check, `${path}[${i}]`, item));
  return out.every((e) => e !== undefined) ? (out as OutOfScopeEntry[]) : undefined;
}

/** `compliance`: frameworks reported by default, controls out of scope (with reasons), NIST AAL. */
export function checkCompliance(check: Check, value: unknown): CompliancePolicy | undefined {
  if (!isJsonObject(value)) {
    check.errors.push(`${PATH}: expected an object with ${KEYS.join(', ')}, got ${describeJson(value)}`);
    return undefined;
  }
  const before = check.errors.length;
  checkKeys(check, PATH, value, KEYS);
  const out: CompliancePolicy = { outOfScope: [], nistAal: 2 };
  if (Object.hasOwn(value, 'frameworks')) {
    const frameworks = checkFrameworks(check, value.frameworks);
    if (frameworks) out.frameworks = frameworks;
  }
  if (Object.hasOwn(value, 'outOfScope')) out.outOfScope = checkOutOfScope(check, value.outOfScope) ?? [];
  if (Object.hasOwn(value, 'nistAal')) {
    const aal = value.nistAal;
    if (aal === 1 || aal === 2 || aal === 3) out.nistAal = aal;
    else
      check.errors.push(
        `${PATH}.nistAal: expected 1, 2 or 3 (NIST SP 800-63B-4 AAL), got ${describeJson(aal)}`,
      );
  }
  return check.errors.length === before ? out : undefined;
}
