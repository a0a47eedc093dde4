import { isHmacAlg } from '../keys/alg-compat';
import { hmacDigest } from '../secrets/hmac';
import { encodeBase64Url } from '../token/base64url';
import { setMember } from '../token/safe-json';
import type { JsonObject, ParsedToken } from '../types';
import type { ProbeKind } from './types';

/** A signed compact JWS the recipes start from: its decoded parts, checked once. */
export interface ProbeToken {
  parsed: ParsedToken;
  header: JsonObject;
  claims: JsonObject;
  alg: string;
  /** The original segments, exactly as sent. */
  headerSegment: string;
  payloadSegment: string;
  signature: Uint8Array;
}

/** One tampered token, before it is put into the request. */
export interface Tampered {
  id: string;
  kind: ProbeKind;
  change: string;
  token: string;
}

const TEXT = new TextEncoder();

/** base64url of the JSON text of `value` (member order kept, as a library writes it). */
export function encodeSegment(value: unknown): string {
  return encodeBase64Url(TEXT.encode(JSON.stringify(value)));
}

/**
 * A copy of a JSON object with some members replaced or added; a member set to `undefined` disappears
 * when encoded. Members keep their order (a changed one stays in its place), as a re-signing library would.
 */
export function withMembers(object: JsonObject, changes: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object))
    setMember(out, key, Object.hasOwn(changes, key) ? changes[key] : value);
  for (const [key, value] of Object.entries(changes))
    if (!Object.hasOwn(object, key)) setMember(out, key, value);
  return out;
}

/** `header.payload.` with an HMAC of it under `secret` (an empty secret too: RFC 2104 pads the key with zeros). */
export function hmacSign(header: JsonObject, payload: string, secret: Uint8Array): string {
  const alg = header.alg;
  const hs = isHmacAlg(alg) ? alg : 'HS256';
  const input = `${encodeSegment(header)}.${payload}`;
  return `${input}.${encodeBase64Url(hmacDigest(hs, secret, TEXT.encode(input)))}`;
}
