import type { TokenRule } from '../../types';
import { ALG_RULES } from './alg-rules';
import { CLAIM_RULES } from './claim-rules';
import { DPOP_RULES } from './dpop-rules';
import { FORMAT_RULES } from './format-rules';
import {
  checkCritExtension,
  checkKidInjection,
  checkX5cEmbedded,
  HEADER_KEY_RULES,
} from './header-key-rules';
import { checkHeaderNonstandard, HEADER_TYPE_RULES } from './header-type-rules';
import { checkJweCompression, checkJweOpaque, checkJwePbes2, checkJweRsa15, JWE_RULES } from './jwe-rules';
import { PII_RULES } from './pii-rules';
import { checkAlgNotAllowed, POLICY_RULES } from './policy-rules';
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
  ...DPOP_RULES,
  ...TIME_RULES,
  ...PII_RULES,
  ...POLICY_RULES,
];

/**
 * The token rules whose hits depend only on the usable header (`usableHeader`), the token's `kind` and the
 * policy: nothing from the claims, the signature or the sightings. Headers repeat across an issuer's tokens,
 * so the auditor runs these once per distinct header and shares the hits. A rule that starts reading
 * anything else must leave this list; `test/core/audit/rule-plan.test.ts` checks the plan against
 * `TOKEN_RULES` on generated tokens. (`hdr-jwk-embedded` left it: it depends on the token's purpose, since a
 * DPoP proof carries its public key by design.)
 */
export const HEADER_ONLY_RULES: readonly TokenRule[] = [
  ...ALG_RULES,
  checkX5cEmbedded,
  checkKidInjection,
  checkCritExtension,
  checkHeaderNonstandard,
  checkJweRsa15,
  checkJweCompression,
  checkJwePbes2,
  checkJweOpaque,
  checkAlgNotAllowed,
];
