import type { LifecycleRule } from '../../lifecycle/types';
import { checkAlgNoneAccepted } from './alg-none-accepted';
import { checkExpExpiredAccepted } from './exp-expired-accepted';
import { checkIdTokenAsBearer } from './id-token-as-bearer';
import { checkJtiReused } from './jti-reused';
import { checkNbfFutureAccepted } from './nbf-future-accepted';
import { checkOidcAtHashMismatch } from './oidc-at-hash-mismatch';
import { checkOidcAzpMissing } from './oidc-azp-missing';
import { checkOidcNonceMismatch } from './oidc-nonce-mismatch';
import { checkRefreshTokenNotRotated } from './refresh-token-not-rotated';
import { checkSigInvalidAccepted } from './sig-invalid-accepted';
import { checkTokenAcceptedAfterLogout } from './token-accepted-after-logout';
import { checkTokenLifetimeMismatch } from './token-lifetime-mismatch';
import { checkValidationInconsistent } from './validation-inconsistent';

/**
 * Rules that read the token lifecycle model (issue 13): what the servers did with each token over the
 * capture. Each is a small file in this folder; the auditor runs them after the capture-wide rules.
 */
export const LIFECYCLE_RULES: readonly LifecycleRule[] = [
  checkAlgNoneAccepted,
  checkExpExpiredAccepted,
  checkTokenAcceptedAfterLogout,
  checkNbfFutureAccepted,
  checkSigInvalidAccepted,
  checkValidationInconsistent,
  checkJtiReused,
  checkRefreshTokenNotRotated,
  checkTokenLifetimeMismatch,
  checkOidcAtHashMismatch,
  checkOidcNonceMismatch,
  checkOidcAzpMissing,
  checkIdTokenAsBearer,
];
