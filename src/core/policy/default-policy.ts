import type { DriftPolicy, Policy } from '../types';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The policy used when the user gives none: RULES.md §3 lifetime tiers (NIST SP 800-63B-4: 1 h AAL2
 * inactivity, 12 h AAL3, 24 h AAL2, 30 days AAL1), a 90-day absolute cap for refresh tokens (ASVS 10.4.8
 * asks for one; 90 days is a common upper bound), a minute of clock skew for lifecycle decisions, any registered algorithm but `none`, every PII and
 * secret detector on. Deeply frozen: callers get fresh copies from `resolvePolicy`.
 */
export const DEFAULT_POLICY: Policy = deepFreeze({
  allowedAlgorithms: null,
  lifetime: { low: HOUR, medium: 12 * HOUR, high: DAY, aal1: 30 * DAY },
  refreshMaxLifetime: 90 * DAY,
  clockSkewSeconds: 60,
  requiredClaims: [],
  expectations: [],
  pii: {
    oidcClaims: true,
    email: true,
    phone: true,
    ipAddress: true,
    paymentCard: true,
    iban: true,
    usSsn: true,
    nationalIds: true,
    secrets: true,
  },
  severityOverrides: {},
  ignore: [],
});

/**
 * Drift thresholds when the policy sets none (issue 16): a lifetime 10 % past the learned maximum is
 * tolerated (issuers round and jitter `exp`), and the rate rules want three times the learned rate.
 */
export const DEFAULT_DRIFT_POLICY: DriftPolicy = deepFreeze({
  lifetimeTolerance: 0.1,
  issuanceRateFactor: 3,
  rejectionRateFactor: 3,
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
