import { fingerprintOf } from '../../../src/core/crypto/fingerprint';
import type { LifecycleModel } from '../../../src/core/lifecycle';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type {
  AuditResult,
  Finding,
  JsonObject,
  ParsedToken,
  Policy,
  Sighting,
} from '../../../src/core/types';

/**
 * A hand-built audit result for report tests: independent of the parser and the rules, so the report
 * writers can be tested on exactly the shapes they must handle (PII claims, a token in a URL query, an
 * unsecured token, a malformed input line, an exchange finding with no token).
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const SECRETS = {
  email: 'alice.liddell@example.com',
  phone: '+14155550123',
  name: 'Alice Liddell',
};

/** One-time values of an OAuth flow: a default report must show none of them. */
export const FLOW = {
  state: 'af0ifjsldkj-state-0001',
  nonce: 'n-0S6_WzA2Mj-nonce',
  code: 'SplxlOBeZQQYbYS6WxSbIA-code',
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
};

export const NOW = Date.UTC(2025, 2, 14, 9, 30) / 1000;

function makeToken(header: JsonObject, claims: JsonObject, signature: string): ParsedToken {
  const text = `${b64(header)}.${b64(claims)}.${signature}`;
  return {
    text,
    fingerprint: fingerprintOf(text),
    kind: header.alg === 'none' ? 'unsecured' : 'jws',
    segments: text.split('.'),
    header,
    claims,
    signingInput: text.split('.').slice(0, 2).join('.'),
    signature: new Uint8Array(Buffer.from(signature, 'base64url')),
    errors: [],
    warnings: [],
  };
}

export const ACCESS = makeToken(
  { alg: 'HS256', typ: 'JWT', kid: 'k1' },
  {
    iss: 'https://id.example.com',
    sub: 'user-42',
    aud: ['api'],
    exp: NOW + 3600,
    iat: NOW - 60,
    scope: 'read write',
    email: SECRETS.email,
    phone_number: SECRETS.phone,
    name: SECRETS.name,
    address: { street_address: '1 Rabbit Hole', postal_code: '90210' },
  },
  'c2lnbmF0dXJlLW9mLXRoZS1hY2Nlc3MtdG9rZW4tMDEyMzQ1Njc4OQ',
);

export const UNSECURED = makeToken({ alg: 'none' }, { sub: 'admin', admin: true }, '');

export const MALFORMED: ParsedToken = {
  text: 'eyJhbGciOiJIUzI1NiJ9.truncated!!',
  fingerprint: fingerprintOf('eyJhbGciOiJIUzI1NiJ9.truncated!!'),
  kind: 'malformed',
  segments: ['eyJhbGciOiJIUzI1NiJ9', 'truncated!!'],
  errors: ['2 segments, expected 3 (JWS) or 5 (JWE)'],
  warnings: [],
};

export const POLICY: Policy = { ...DEFAULT_POLICY, refreshMaxLifetime: 30 * 86400 };

function sighting(id: string, token: ParsedToken, over: Partial<Sighting>): Sighting {
  return {
    id,
    tokenText: token.text,
    where: 'request-header',
    name: 'Authorization',
    url: 'https://api.example.com/v1/me',
    method: 'GET',
    status: 200,
    scheme: 'https',
    startedAt: '2025-03-14T09:01:00.000Z',
    requestId: id.split(':')[0] ?? id,
    ...over,
  };
}

function finding(partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'fingerprint'>): Finding {
  return {
    title: `Title of ${partial.ruleId}`,
    why: `Why ${partial.ruleId} matters.`,
    detail: `Detail of ${partial.ruleId}.`,
    evidence: [],
    references: [
      { standard: 'RFC 8725', id: '§3.1' },
      { standard: 'CWE', id: 'CWE-347' },
    ],
    sightingIds: [],
    ...partial,
  };
}

/** A refresh token seen only as the credential of a refresh grant (not among the sample's tokens). */
export const REFRESH_FP = '0123456789abcdef';

/**
 * The sample's lifecycle, built by hand to the types: an authorization request, family f1 (the access
 * token, accepted at 09:01 and rejected after the 09:01:30 logout with a `WWW-Authenticate` error whose
 * description quotes the token), family f2 refreshed from f1 (the unsecured token, accepted), a logout.
 */
export function sampleLifecycle(): LifecycleModel {
  const authorizeUrl =
    `https://id.example.com/authorize?response_type=code&client_id=demo-spa&state=${FLOW.state}` +
    `&nonce=${FLOW.nonce}&code_challenge=${FLOW.verifier}&code_challenge_method=plain`;
  return {
    uses: [
      {
        sightingId: '1:0',
        fingerprint: ACCESS.fingerprint,
        requestId: '1',
        at: '2025-03-14T09:01:00.000Z',
        service: 'api.example.com/v1',
        verdict: { verdict: 'accepted', reason: 'HTTP 200' },
      },
      {
        sightingId: '2:0',
        fingerprint: ACCESS.fingerprint,
        requestId: '2',
        at: '2025-03-14T09:02:00.000Z',
        service: 'api.example.com/export',
        verdict: {
          verdict: 'rejected',
          reason: 'HTTP 401 invalid_token',
          error: 'invalid_token',
          errorDescription: `token ${ACCESS.text} was revoked`,
        },
      },
      {
        sightingId: '3:0',
        fingerprint: UNSECURED.fingerprint,
        requestId: '3',
        at: '2025-03-14T09:01:00.000Z',
        service: 'api.example.com/admin',
        verdict: { verdict: 'accepted', reason: 'HTTP 200' },
      },
    ],
    families: [
      {
        id: 'f1',
        issuedBy: '0',
        issuedAt: '2025-03-14T09:00:30.000Z',
        grantType: 'authorization_code',
        members: [{ fingerprint: ACCESS.fingerprint, role: 'access' }],
        expiresIn: 3600,
        authorization: 'a0',
      },
      {
        id: 'f2',
        issuedBy: '5',
        issuedAt: '2025-03-14T09:00:50.000Z',
        grantType: 'refresh_token',
        members: [{ fingerprint: UNSECURED.fingerprint, role: 'access' }],
        parent: 'f1',
        refreshedWith: REFRESH_FP,
      },
    ],
    events: [
      {
        kind: 'logout',
        requestId: '6',
        at: '2025-03-14T09:01:30.000Z',
        how: 'POST /logout',
        succeeded: true,
        origin: 'https://id.example.com',
        covers: [ACCESS.fingerprint, REFRESH_FP],
      },
    ],
    authorizations: [
      {
        requestId: 'a0',
        kind: 'authorize',
        method: 'GET',
        url: authorizeUrl,
        status: 302,
        startedAt: '2025-03-14T09:00:10.000Z',
        location: `https://app.example.com/cb?code=${FLOW.code}&state=${FLOW.state}`,
        code: FLOW.code,
        returnedState: FLOW.state,
        authorization: {
          clientId: 'demo-spa',
          responseType: 'code',
          redirectUri: 'https://app.example.com/cb',
          scope: 'openid profile',
          state: FLOW.state,
          nonce: FLOW.nonce,
          codeChallengeMethod: 'plain',
        },
      },
    ],
    discovery: ['https://id.example.com/.well-known/openid-configuration'],
    skewSeconds: 60,
  };
}

/** The sample result; `findings` may be replaced to test edge cases. */
export function sampleResult(): AuditResult {
  const queryUrl = `https://api.example.com/export?access_token=${ACCESS.text}&format=csv`;
  return {
    referenceTime: NOW,
    policy: POLICY,
    lifecycle: sampleLifecycle(),
    tokens: [
      {
        token: ACCESS,
        purpose: 'access',
        sightings: [
          sighting('1:0', ACCESS, {}),
          sighting('2:0', ACCESS, {
            where: 'query',
            name: 'access_token',
            url: queryUrl,
            startedAt: '2025-03-14T09:02:00.000Z',
          }),
        ],
      },
      {
        token: UNSECURED,
        purpose: 'unknown',
        sightings: [sighting('3:0', UNSECURED, { url: 'http://api.example.com/admin' })],
      },
      {
        token: MALFORMED,
        purpose: 'unknown',
        sightings: [
          sighting('in:1', MALFORMED, {
            where: 'input',
            name: 'tokens.txt:3',
            url: '',
            method: '',
            status: 0,
            scheme: '',
            startedAt: '',
          }),
        ],
      },
    ],
    findings: [
      finding({
        ruleId: 'alg-none',
        severity: 'critical',
        fingerprint: UNSECURED.fingerprint,
        sightingIds: ['3:0'],
      }),
      finding({
        ruleId: 'token-in-url',
        severity: 'high',
        fingerprint: ACCESS.fingerprint,
        detail: `Token sent in the query of ${queryUrl}`,
        sightingIds: ['2:0'],
      }),
      finding({
        ruleId: 'pii-oidc-claims',
        severity: 'medium',
        fingerprint: ACCESS.fingerprint,
        detail: `The token carries email ${SECRETS.email}.`,
        evidence: [
          { label: 'email', value: 'al…@ex…', raw: SECRETS.email },
          { label: 'phone_number', value: '+1…', raw: SECRETS.phone },
        ],
        sightingIds: ['1:0', '2:0'],
      }),
      finding({
        ruleId: 'fmt-malformed',
        severity: 'medium',
        fingerprint: MALFORMED.fingerprint,
        sightingIds: ['in:1'],
      }),
      finding({
        ruleId: 'basic-auth-credentials',
        severity: 'low',
        fingerprint: '',
        detail: 'Basic auth | header',
      }),
      finding({ ruleId: 'iat-missing', severity: 'info', fingerprint: UNSECURED.fingerprint }),
    ],
    ignoredCount: 1,
    observations: [
      {
        kind: 'basic-auth',
        requestId: '4',
        url: 'https://api.example.com/legacy',
        scheme: 'https',
        name: 'Authorization',
        masked: 'Basic dX…',
        startedAt: '2025-03-14T09:03:00.000Z',
      },
    ],
    timeRange: { start: '2025-03-14T09:01:00.000Z', end: '2025-03-14T09:03:00.000Z' },
  };
}

/** Every secret string a default report must not contain. */
export function forbiddenStrings(): string[] {
  const signatures = [ACCESS].map((t) => t.segments[2] ?? '');
  const payloads = [ACCESS, UNSECURED].map((t) => t.segments[1] ?? '');
  return [
    ACCESS.text,
    UNSECURED.text,
    MALFORMED.text,
    ...signatures,
    ...payloads,
    ...Object.values(SECRETS),
    ...Object.values(FLOW),
  ];
}
