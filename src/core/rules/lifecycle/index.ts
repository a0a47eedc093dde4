import type { LifecycleRule } from '../../lifecycle/types';
import { checkAlgNoneAccepted } from './alg-none-accepted';
import { checkExpExpiredAccepted } from './exp-expired-accepted';

/**
 * Rules that read the token lifecycle model (issue 13): what the servers did with each token over the
 * capture. Each is a small file in this folder; the auditor runs them after the capture-wide rules.
 */
export const LIFECYCLE_RULES: readonly LifecycleRule[] = [checkAlgNoneAccepted, checkExpExpiredAccepted];
