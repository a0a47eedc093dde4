export { normalizeUrl } from '../capture/key-documents';
export { type AlgSpec, algSpec, isAsymmetricAlg, isHmacAlg } from './alg-compat';
export { collectTrafficKeys } from './collect-keys';
export { type Serialisation, serialiseKey, sshPublicKey } from './key-serialisations';
export { loadPublishedKeys } from './load-published';
export { MAX_KEYS_PER_SET, parseJwks } from './parse-jwks';
export { parsePemKeys } from './parse-pem';
export { parseUserKeys } from './parse-user-keys';
export { PUBLISHED_KEYS, type PublishedKey } from './published-keys';
export type {
  KeyOrigin,
  KeyParseResult,
  KeyRef,
  KeySource,
  KnownKey,
  PublicJwk,
  SignatureCheck,
  SignatureStatus,
} from './types';
export type { Verifier, VerifyOutcome } from './verify-jws';
export {
  prepareTokenChecks,
  type TokenChecks,
  type VerifyOptions,
  type VerifyTokensResult,
  verifyTokens,
} from './verify-tokens';
