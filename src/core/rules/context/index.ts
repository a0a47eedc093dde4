import type { CaptureRule, TokenRule } from '../../types';
import { checkAlgConfusionIndicator } from './alg-confusion-indicator';
import { checkAudMissingMultiHost } from './aud-missing-multi-host';
import { checkCookieHttpOnly } from './cookie-no-httponly';
import { checkCookieSecure } from './cookie-no-secure';
import { checkCookieSameSite } from './cookie-samesite-weak';
import { checkRefreshTokenExposed } from './refresh-token-exposed';
import { checkRefreshTokenReused } from './refresh-token-reused';
import { checkTokenInUrl } from './token-in-url';
import { checkTokenResponseCacheable } from './token-response-cacheable';
import { checkTokenThirdPartyLeak } from './token-third-party-leak';
import { checkTransportCleartext } from './transport-cleartext';

export { checkObservations } from './check-observations';
export { isLoopbackHost, registrableDomain } from './hosts';

/** Rules over one token and its sightings (how it travelled). */
export const CONTEXT_RULES: TokenRule[] = [
  checkTransportCleartext,
  checkTokenInUrl,
  checkCookieHttpOnly,
  checkCookieSecure,
  checkCookieSameSite,
  checkTokenResponseCacheable,
  checkRefreshTokenExposed,
  checkTokenThirdPartyLeak,
];

/**
 * Rules across the whole capture: rotation, per-issuer algorithm history. The "accepted" escalations read
 * the lifecycle model instead (`rules/lifecycle`).
 */
export const CAPTURE_RULES: CaptureRule[] = [
  checkRefreshTokenReused,
  checkAlgConfusionIndicator,
  checkAudMissingMultiHost,
];
