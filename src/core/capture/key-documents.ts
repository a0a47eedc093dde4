import type { KeyDocument } from '../types';
import { isRecord } from './guards';

/**
 * A JWKS (`{ "keys": [...] }`, RFC 7517 §5) or an OpenID Provider configuration (`jwks_uri` + `issuer`,
 * OpenID Connect Discovery §3) seen in a response body, kept so signatures can be checked against it.
 */
export function keyDocumentOf(json: unknown, url: string, requestId: string): KeyDocument | undefined {
  if (!isRecord(json)) return undefined;
  if (Array.isArray(json.keys)) return { kind: 'jwks', url, requestId, json };
  if (typeof json.jwks_uri === 'string' && typeof json.issuer === 'string') {
    return { kind: 'openid-configuration', url, requestId, json };
  }
  return undefined;
}
