import type { TokenRule } from '../../types';
import { ALG_RULES } from './alg-rules';
import { CLAIM_RULES } from './claim-rules';
import { FORMAT_RULES } from './format-rules';
import { HEADER_KEY_RULES } from './header-key-rules';
import { HEADER_TYPE_RULES } from './header-type-rules';
import { JWE_RULES } from './jwe-rules';
import { PII_RULES } from './pii-rules';
import { POLICY_RULES } from './policy-rules';
import { SIGNATURE_RULES } from './signature-rules';
import { TIME_RULES } from './time-rules';

/**
 * Every check that judges a token from its own text (plus, for a few, its sightings and the policy).
 * A malformed token gets only `fmt-malformed`; a JWE only header rules. No rule throws for any JSON.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  ...FORMAT_RULES,
  ...ALG_RULES,
  ...SIGNATURE_RULES,
  ...HEADER_KEY_RULES,
  ...HEADER_TYPE_RULES,
  ...JWE_RULES,
  ...CLAIM_RULES,
  ...TIME_RULES,
  ...PII_RULES,
  ...POLICY_RULES,
];
