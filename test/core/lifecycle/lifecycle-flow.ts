import { auditCapture } from '../../../src/core/audit/auditor';
import { captureHar } from '../../../src/core/capture';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { parseToken } from '../../../src/core/token/parse-token';
import type { Policy } from '../../../src/core/types';
import { type EntryOptions, fakeJwt, jsonContent, makeEntry, makeHar } from '../capture/har-builders';

export const T0 = Date.parse('2025-03-14T09:00:00Z') / 1000;
export const OP = 'https://op.example.test';
export const APP = 'https://app.example.test';
export const API = 'https://api.example.test';
export const at = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();
export const h = (name: string, value: string) => ({ name, value });
export const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });
export const bearer = (token: string) => h('Authorization', `Bearer ${token}`);

/** A JWT-shaped token issued by the test OP at `T0 + iat` for `life` seconds. */
export function jwt(label: string, iat: number, life: number, extra: Record<string, unknown> = {}): string {
  return fakeJwt(
    { iss: OP, sub: 'u1', aud: API, iat: T0 + iat, exp: T0 + iat + life, jti: label, ...extra },
    { alg: 'RS256', typ: 'JWT', kid: 'k1' },
  );
}

/** Captures the entries as one HAR and audits it: the lifecycle model as the auditor builds it. */
export function modelOf(entries: EntryOptions[], policy: Policy = DEFAULT_POLICY) {
  const capture = captureHar(makeHar(entries.map((e) => makeEntry(e))));
  if ('error' in capture) throw new Error(capture.error);
  const result = auditCapture([capture], { policy, now: T0 + 86_400 });
  const fp = (text: string) => parseToken(text).fingerprint;
  return { model: result.lifecycle, records: result.tokens, capture, result, fp };
}

/** A token response issuing the given members. */
export function tokenResponse(
  seconds: number,
  body: string,
  issued: Record<string, unknown>,
  extra: EntryOptions = {},
): EntryOptions {
  return {
    method: 'POST',
    url: `${OP}/token`,
    startedDateTime: at(seconds),
    postData: form(body),
    responseHeaders: [h('Cache-Control', 'no-store')],
    content: jsonContent({ token_type: 'Bearer', ...issued }),
    ...extra,
  };
}
