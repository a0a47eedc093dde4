export { DEFAULT_DRIFT_POLICY, DEFAULT_POLICY } from './default-policy';
export { type PolicyResolution, resolvePolicy } from './resolve-policy';
