export { buildLifecycle, DEFAULT_CLOCK_SKEW_SECONDS, emptyLifecycle } from './build-lifecycle';
export type * from './types';
export { isLoginRedirect, verdictOf } from './verdict';
export { bearerError, type Challenge, parseChallenges } from './www-authenticate';
