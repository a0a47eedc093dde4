import type { DriftPolicy } from '../types';
import { type Check, checkKeys } from './check-fields';
import { DEFAULT_DRIFT_POLICY } from './default-policy';
import { describeJson, isJsonObject } from './describe-json';

const PATH = 'policy.drift';
const KEYS = ['lifetimeTolerance', 'issuanceRateFactor', 'rejectionRateFactor'] as const;

/** Each threshold's range and how an error describes it. */
const RANGES: Readonly<Record<(typeof KEYS)[number], { min: number; max: number; what: string }>> = {
  // 0: any lifetime past the learned maximum is drift; 10: eleven times the maximum still passes.
  lifetimeTolerance: { min: 0, max: 10, what: 'a fraction of the learned maximum from 0 to 10 (0.1 = 10 %)' },
  // Below 1 the rate rules would fire on a capture as busy as its baseline.
  issuanceRateFactor: { min: 1, max: 1000, what: 'a factor from 1 to 1000' },
  rejectionRateFactor: { min: 1, max: 1000, what: 'a factor from 1 to 1000' },
};

/** `drift`: the drift rules' thresholds, merged key by key over `DEFAULT_DRIFT_POLICY`. */
export function checkDrift(check: Check, value: unknown): DriftPolicy | undefined {
  if (!isJsonObject(value)) {
    check.errors.push(`${PATH}: expected an object with ${KEYS.join(', ')}, got ${describeJson(value)}`);
    return undefined;
  }
  const before = check.errors.length;
  checkKeys(check, PATH, value, KEYS);
  const out: DriftPolicy = { ...DEFAULT_DRIFT_POLICY };
  for (const key of KEYS) {
    if (!Object.hasOwn(value, key)) continue;
    const n = value[key];
    const { min, max, what } = RANGES[key];
    if (typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max) out[key] = n;
    else check.errors.push(`${PATH}.${key}: expected ${what}, got ${describeJson(n)}`);
  }
  return check.errors.length === before ? out : undefined;
}
