import { generateKeyPair, SignJWT } from 'jose';
import { auditCapture } from '../../../src/core/audit';
import { type Baseline, driftHits, type TokenProfile } from '../../../src/core/baseline';
import { captureHar } from '../../../src/core/capture';
import type { AuditResult, CaptureHit, CaptureResult, Policy } from '../../../src/core/types';
import { type EntryOptions, makeEntry, makeHar } from '../capture/har-builders';

/**
 * Drift test kit: jose-signed tokens in HAR entries, through the real capture and auditor, compared with
 * hand-built baselines (src/core/baseline/types.ts) that describe exactly the tokens `accessToken` makes.
 */

export const OP = 'https://id.example.com';
export const AUD = 'https://api.example.com';
export const API = 'https://api.example.com';
export const T0 = Date.parse('2025-03-14T09:00:00Z') / 1000;
export const at = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();

type Keys = { rsa: CryptoKey; ec: CryptoKey; hmac: Uint8Array };
let keys: Keys | undefined;

/** Key pairs made once per test file (RSA key generation is slow). */
export async function signingKeys(): Promise<Keys> {
  keys ??= {
    rsa: (await generateKeyPair('RS256')).privateKey,
    ec: (await generateKeyPair('ES256')).privateKey,
    hmac: new Uint8Array(32).fill(42),
  };
  return keys;
}

/** The claims every baseline token carries; `extra` adds, replaces, or (`undefined`) removes one. */
export function accessClaims(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    iss: OP,
    sub: `user-${n}`,
    aud: AUD,
    iat: T0 + n,
    exp: T0 + n + 900,
    jti: `jti-${n}`,
    scope: 'orders:read',
    client_id: 'spa',
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete claims[key];
    else claims[key] = value;
  }
  return claims;
}

export interface TokenOptions {
  n?: number;
  claims?: Record<string, unknown>;
  alg?: 'RS256' | 'ES256' | 'HS256' | 'none';
  kid?: string | null;
  typ?: string;
}

/** An access token like the baseline's (RS256, kid k1, typ at+jwt, 15 min), changed as `options` says. */
export async function accessToken(options: TokenOptions = {}): Promise<string> {
  const { n = 0, alg = 'RS256', kid = 'k1', typ = 'at+jwt' } = options;
  const claims = accessClaims(n, options.claims);
  const header: Record<string, unknown> = { alg, typ };
  if (kid !== null) header.kid = kid;
  if (alg === 'none') {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    return `${b64(header)}.${b64(claims)}.`;
  }
  const k = await signingKeys();
  const key = alg === 'RS256' ? k.rsa : alg === 'ES256' ? k.ec : k.hmac;
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

/** A request presenting `token` as a Bearer credential. */
export function use(
  token: string,
  options: { seconds?: number; url?: string; status?: number; error?: string } = {},
): EntryOptions {
  const { seconds = 10, url = `${API}/v1/orders`, status = 200 } = options;
  const entry: EntryOptions = {
    url,
    startedDateTime: at(seconds),
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
    status,
  };
  if (status === 401)
    entry.responseHeaders = [
      { name: 'WWW-Authenticate', value: `Bearer error="${options.error ?? 'invalid_token'}"` },
    ];
  return entry;
}

/** A session (from T0 + `start` s): four access tokens, each set in a cookie at login and then used twice, one a minute. */
export async function session(start: number, change: { token?: TokenOptions; cookie?: string } = {}) {
  const entries: EntryOptions[] = [];
  for (let i = 0; i < 4; i++) {
    const n = start + i;
    const token = await accessToken({ n, ...change.token });
    const t = 60 * i;
    entries.push({
      method: 'POST',
      url: 'https://id.example.com/login',
      startedDateTime: at(n + t),
      responseHeaders: [
        {
          name: 'Set-Cookie',
          value: `__Host-at=${token}; ${change.cookie ?? 'HttpOnly; Secure; SameSite=Strict'}; Path=/`,
        },
      ],
    });
    entries.push(use(token, { seconds: n + t + 5 }), use(token, { seconds: n + t + 20 }));
  }
  return entries;
}

function captureOf(entries: readonly EntryOptions[]): CaptureResult {
  const capture = captureHar(makeHar(entries.map((e) => makeEntry(e))));
  if ('error' in capture) throw new Error(capture.error);
  return capture;
}

/** HAR entries through `captureHar` and the auditor, judged at T0 + 60 s. */
export function auditEntries(entries: readonly EntryOptions[]): AuditResult {
  return auditCapture([captureOf(entries)], { now: T0 + 60 });
}

/** The audit with its drift findings attached, as `scan --baseline` does (`Auditor.addHits`). */
export function auditWithDrift(entries: readonly EntryOptions[], baseline: Baseline): AuditResult {
  const capture = captureOf(entries);
  const plain = auditCapture([capture], { now: T0 + 60 });
  const extraHits = driftHits(plain, baseline, plain.policy);
  return auditCapture([capture], { now: T0 + 60, extraHits });
}

const SPAN = { firstSeen: at(-86_400 * 30), lastSeen: at(-86_400) };

/** The profile of the tokens `accessToken()` makes, used as `use()` sends them; `changes` overrides. */
export function accessProfile(changes: Partial<TokenProfile> = {}): TokenProfile {
  const always = (type: 'string' | 'number') => ({ presence: 'always' as const, types: [type] });
  return {
    issuer: OP,
    purpose: 'access',
    tokens: 20,
    algorithms: { RS256: { ...SPAN } },
    keyIds: { k1: { ...SPAN } },
    types: ['at+jwt'],
    claims: {
      aud: always('string'),
      client_id: always('string'),
      exp: always('number'),
      iat: always('number'),
      iss: always('string'),
      jti: always('string'),
      scope: always('string'),
      sub: always('string'),
    },
    audiences: [AUD],
    lifetime: { min: 900, median: 900, max: 900 },
    recipientHosts: ['api.example.com'],
    transports: ['https'],
    carriers: [{ where: 'request-header', name: 'authorization' }],
    issuance: { perMinuteMedian: 1, perMinuteMax: 2 },
    responses: { uses: 40, rejectedShare: 0, errorCodes: [] },
    ...changes,
  };
}

/** A baseline file holding these profiles. */
export function baselineOf(profiles: TokenProfile[], controls?: Baseline['controls']): Baseline {
  const baseline: Baseline = {
    baselineVersion: 1,
    generatedBy: { name: 'jwt-lens', version: '0.1.0' },
    learnedFrom: {
      inputs: ['e2e.har'],
      timeRange: { start: at(-86_400 * 30), end: at(-86_400) },
      tokens: 20,
      requests: 40,
    },
    profiles,
  };
  if (controls) baseline.controls = controls;
  return baseline;
}

/** Drift hits of the entries against the baseline (the policy given, or the audit's). */
export function driftOf(entries: readonly EntryOptions[], baseline: Baseline, policy?: Policy): CaptureHit[] {
  const result = auditEntries(entries);
  return driftHits(result, baseline, policy ?? result.policy);
}

/** The hits of one rule. */
export function hitsOf(hits: readonly CaptureHit[], ruleId: string): CaptureHit[] {
  return hits.filter((h) => h.ruleId === ruleId);
}
