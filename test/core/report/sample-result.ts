import { fingerprintOf } from '../../../src/core/crypto/fingerprint';
import { emptyLifecycle } from '../../../src/core/lifecycle';
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

/** The sample result; `findings` may be replaced to test edge cases. */
export function sampleResult(): AuditResult {
  const queryUrl = `https://api.example.com/export?access_token=${ACCESS.text}&format=csv`;
  return {
    referenceTime: NOW,
    policy: POLICY,
    lifecycle: emptyLifecycle(),
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
  return [ACCESS.text, UNSECURED.text, MALFORMED.text, ...signatures, ...payloads, ...Object.values(SECRETS)];
}
