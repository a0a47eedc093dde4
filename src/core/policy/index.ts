export { DEFAULT_POLICY } from './default-policy';
export { type PolicyResolution, resolvePolicy } from './resolve-policy';
