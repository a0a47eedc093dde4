import { auditCapture } from '../../../src/core/audit';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { AuditResult, CaptureResult, JsonObject, Policy, Sighting } from '../../../src/core/types';

/** Request time of the synthetic captures: tokens are judged at it. */
export const AT = '2025-03-14T09:00:00.000Z';
export const NOW = Date.parse(AT) / 1000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** 64 bytes: the right length for ES256, so no signature-shape finding gets in the way. */
const SIGNATURE = Buffer.alloc(64, 7).toString('base64url');

/** A well-formed ES256 access token valid for `lifetime` seconds, with extra claims. */
export function jwt(extra: JsonObject = {}, lifetime = 900): string {
  const claims = {
    iss: 'https://id.example.com',
    sub: 'user-1',
    aud: 'https://api.example.com',
    iat: NOW - 60,
    exp: NOW - 60 + lifetime,
    jti: `j-${JSON.stringify(extra).length}-${lifetime}`,
    ...extra,
  };
  return `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })}.${b64(claims)}.${SIGNATURE}`;
}

let next = 0;

/** A token sent in an Authorization header to `url`. */
export function bearer(
  tokenText: string,
  url = 'https://api.example.com/v1/me',
  extra: Partial<Sighting> = {},
): Sighting {
  const id = `${next++}`;
  return {
    id: `${id}:0`,
    tokenText,
    where: 'request-header',
    name: 'Authorization',
    url,
    method: 'GET',
    status: 200,
    scheme: url.split(':')[0] ?? '',
    startedAt: AT,
    requestId: id,
    ...extra,
  };
}

/** A token set as a cookie with these attributes. */
export function setCookie(tokenText: string, cookie: Sighting['cookie']): Sighting {
  return bearer(tokenText, 'https://app.example.com/login', { where: 'set-cookie', name: 'session', cookie });
}

export function audit(sightings: Sighting[], policy: Partial<Policy> = {}): AuditResult {
  const capture: CaptureResult = {
    sightings,
    observations: [],
    keyDocuments: [],
    problems: [],
    entryCount: sightings.length,
  };
  return auditCapture([capture], { policy: { ...DEFAULT_POLICY, ...policy }, now: NOW });
}
