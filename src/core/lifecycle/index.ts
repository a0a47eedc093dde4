export { buildLifecycle, DEFAULT_CLOCK_SKEW_SECONDS, emptyLifecycle } from './build-lifecycle';
export type * from './types';
