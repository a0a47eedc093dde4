export {
  type Base64UrlBytes,
  type Base64UrlError,
  checkBase64Url,
  decodeBase64Url,
  encodeBase64Url,
} from './base64url';
export { claimsLayer } from './claims-layer';
export { type FoundToken, findTokens, isJoseHeaderSegment } from './find-tokens';
export { MAX_JSON_DEPTH, MAX_NESTED_TOKENS, MAX_TOKEN_BYTES } from './limits';
export { opaqueToken } from './opaque-token';
export { parseToken } from './parse-token';
export { type JsonObjectResult, parseJsonObject, TOO_DEEP } from './safe-json';
