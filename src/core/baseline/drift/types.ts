import type { AuditResult, CaptureHit, DriftPolicy, Policy, TokenRecord } from '../../types';
import type { Baseline, TokenProfile } from '../types';

/** A token of the audit paired with the baseline profile it is compared with. */
export interface DriftMatch {
  record: TokenRecord;
  profile: TokenProfile;
}

/** Everything a drift rule may look at: the audit, the baseline, and the tokens matched to profiles. */
export interface DriftContext {
  result: AuditResult;
  baseline: Baseline;
  policy: Policy;
  /** The policy's drift thresholds, defaults filled in. */
  thresholds: DriftPolicy;
  /** Tokens whose issuer and purpose (or, opaque, place) a profile describes. */
  matches: readonly DriftMatch[];
  /** JWTs whose issuer no profile of the baseline names. */
  unknownIssuers: readonly TokenRecord[];
}

/** One drift check: pure, must not throw for any baseline that passes the types. */
export type DriftRule = (ctx: DriftContext) => CaptureHit[];
