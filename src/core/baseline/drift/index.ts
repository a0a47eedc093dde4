import { internalError } from '../../audit/run-rules';
import { DEFAULT_DRIFT_POLICY } from '../../policy/default-policy';
import type { AuditResult, CaptureHit, Policy } from '../../types';
import type { Baseline } from '../types';
import { checkAlgChanged } from './alg-changed';
import { checkAudienceChanged } from './audience-changed';
import { checkClaimAdded } from './claim-added';
import { checkClaimMissing } from './claim-missing';
import { checkClaimTypeChanged } from './claim-type-changed';
import { checkCookieWeakened } from './cookie-weakened';
import { checkIssuanceRate } from './issuance-rate';
import { checkLifetimeIncreased } from './lifetime-increased';
import { matchProfiles } from './match-profiles';
import { checkNewIssuer } from './new-issuer';
import { checkNewKeyId } from './new-key-id';
import { checkNewRecipientHost } from './new-recipient-host';
import { checkRejectionsIncreased } from './rejections-increased';
import { checkTransportDowngraded } from './transport-downgraded';
import type { DriftContext, DriftRule } from './types';

/** Every drift rule by its `drift-*` id, in catalog order. */
export const DRIFT_RULES: Readonly<Record<string, DriftRule>> = {
  'drift-new-issuer': checkNewIssuer,
  'drift-alg-changed': checkAlgChanged,
  'drift-new-key-id': checkNewKeyId,
  'drift-claim-added': checkClaimAdded,
  'drift-claim-missing': checkClaimMissing,
  'drift-claim-type-changed': checkClaimTypeChanged,
  'drift-audience-changed': checkAudienceChanged,
  'drift-lifetime-increased': checkLifetimeIncreased,
  'drift-new-recipient-host': checkNewRecipientHost,
  'drift-cookie-weakened': checkCookieWeakened,
  'drift-transport-downgraded': checkTransportDowngraded,
  'drift-issuance-rate': checkIssuanceRate,
  'drift-rejections-increased': checkRejectionsIncreased,
};

/**
 * Drift findings of an audit against a baseline: each token is compared with the profile of its issuer
 * and purpose (opaque tokens: of its place). A rule that throws on some input becomes an
 * `internal-error` hit; the other rules still run. Pure; never throws for a baseline that passes the
 * types (`parseBaseline` guarantees them for files).
 */
export function runDriftRules(result: AuditResult, baseline: Baseline, policy: Policy): CaptureHit[] {
  let ctx: DriftContext;
  try {
    const { matches, unknownIssuers } = matchProfiles(result.tokens, baseline);
    const thresholds = policy.drift ?? DEFAULT_DRIFT_POLICY;
    ctx = { result, baseline, policy, thresholds, matches, unknownIssuers };
  } catch (error) {
    return [{ ...internalError('matchProfiles', error), fingerprint: '' }];
  }
  const out: CaptureHit[] = [];
  for (const [ruleId, rule] of Object.entries(DRIFT_RULES)) {
    try {
      out.push(...rule(ctx));
    } catch (error) {
      out.push({ ...internalError(ruleId, error), fingerprint: '' });
    }
  }
  return out;
}
