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

/** A URL in the form used to match `jwks_uri` with where a key set was seen: no fragment, host lower-cased. */
export function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url.trim();
  }
}

/** The document's JSON as text (`''` when it cannot be serialised), to tell documents apart by content. */
function textOf(json: unknown): string {
  try {
    return JSON.stringify(json) ?? '';
  } catch {
    return '';
  }
}

/**
 * What makes two key documents the same: kind, URL and content. Different versions of one URL are
 * different documents: keys before and after a rotation both signed tokens in the capture.
 */
export function keyDocumentKey(doc: KeyDocument): string {
  return `${doc.kind}\n${normalizeUrl(doc.url)}\n${textOf(doc.json)}`;
}
