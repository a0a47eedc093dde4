import type { RuleInfo } from '../../types';
import { CLAIMS_CATALOG } from '../token/catalog/claims';
import { FORMAT_ALG_CATALOG } from '../token/catalog/format-alg';
import { HEADER_JWE_CATALOG } from '../token/catalog/header-jwe';
import { PII_POLICY_CATALOG } from '../token/catalog/pii-policy';

/**
 * Catalog entries for every rule in `TOKEN_RULES` (RULES.md ids, plus the policy-driven `alg-not-allowed`,
 * `iss-unexpected`, `aud-unexpected` and `claim-required-missing`). `alg-confusion-indicator` is emitted
 * by a token rule too, but its entry lives in the context catalog with the per-issuer half.
 */
export const TOKEN_CATALOG: RuleInfo[] = [
  ...FORMAT_ALG_CATALOG,
  ...HEADER_JWE_CATALOG,
  ...CLAIMS_CATALOG,
  ...PII_POLICY_CATALOG,
];
