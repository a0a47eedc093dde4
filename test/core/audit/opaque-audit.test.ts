import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { captureEntry } from '../../../src/core/capture';
import { RULE_CATALOG } from '../../../src/core/rules/catalog';
import type { AuditResult, CaptureResult, Sighting } from '../../../src/core/types';
import { jsonContent, makeEntry } from '../capture/har-builders';

const AT = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const RT = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';
const NOW = Date.parse('2025-03-14T10:00:00Z') / 1000;
const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });

function audit(...entries: Record<string, unknown>[]): AuditResult {
  return auditCapture(
    entries.map((entry, i) => captureEntry(entry, String(i))),
    { now: NOW },
  );
}

function rulesOf(result: AuditResult, text: string): string[] {
  const fp = result.tokens.find((r) => r.token.text === text)?.token.fingerprint;
  return result.findings
    .filter((f) => f.fingerprint === fp)
    .map((f) => f.ruleId)
    .sort();
}

/** A token response from the identity provider, answered without no-store. */
const tokenResponse = (url = 'https://id.example.test/token', cacheControl?: string) =>
  makeEntry({
    method: 'POST',
    url,
    postData: form('grant_type=authorization_code&code=c1'),
    content: jsonContent({ access_token: AT, token_type: 'Bearer', expires_in: 300, refresh_token: RT }),
    responseHeaders: cacheControl ? [{ name: 'Cache-Control', value: cacheControl }] : [],
  });

const refreshGrant = (minute: number, status = 200) =>
  makeEntry({
    method: 'POST',
    url: 'https://id.example.test/token',
    status,
    startedDateTime: `2025-03-14T09:${String(minute).padStart(2, '0')}:00.000Z`,
    postData: form(`grant_type=refresh_token&refresh_token=${RT}`),
    responseHeaders: [{ name: 'Cache-Control', value: 'no-store' }],
  });

const apiCall = (url: string, headers: { name: string; value: string }[] = []) =>
  makeEntry({
    url,
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${AT}` }, ...headers],
  });

/** Every rule about a token's own structure or claims: none may judge an opaque token. */
const JWT_RULES = RULE_CATALOG.filter((rule) => rule.scope === 'token').map((rule) => rule.id);

describe('audit of opaque tokens: kind, fingerprint, purpose', () => {
  it('keeps an opaque token as kind opaque with the usual fingerprint, never as a malformed JWT', () => {
    const result = audit(tokenResponse('https://id.example.test/token', 'no-store'));
    const record = result.tokens.find((r) => r.token.text === RT);
    expect(record?.token).toMatchObject({ kind: 'opaque', errors: [], warnings: [], segments: [] });
    expect(record?.token.header).toBeUndefined();
    expect(record?.token.claims).toBeUndefined();
    expect(record?.token.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(result.findings.map((f) => f.ruleId)).not.toContain('fmt-malformed');
  });

  it('the same text without the opaque mark would be a malformed JWT (what the kind prevents)', () => {
    const capture: CaptureResult = captureEntry(tokenResponse(), '0');
    const unmarked = capture.sightings.map(({ opaque: _o, ...rest }): Sighting => rest);
    const result = auditCapture([{ ...capture, sightings: unmarked }], { now: NOW });
    expect(result.tokens.map((r) => r.token.kind)).toEqual(['malformed', 'malformed']);
    expect(rulesOf(result, RT)).toContain('fmt-malformed');
  });

  it('a text pasted first (a malformed JWT) becomes opaque once traffic shows it in a token place', () => {
    const pasted: CaptureResult = {
      sightings: [
        {
          id: 'paste:1',
          tokenText: RT,
          where: 'input',
          name: 'pasted',
          url: '',
          method: '',
          status: 0,
          scheme: '',
          startedAt: '',
          requestId: 'paste:1',
        },
      ],
      observations: [],
      keyDocuments: [],
      problems: [],
      entryCount: 1,
    };
    const alone = auditCapture([pasted], { now: NOW });
    expect(alone.tokens[0]?.token.kind).toBe('malformed');
    const result = auditCapture(
      [pasted, captureEntry(tokenResponse('https://id.example.test/token', 'no-store'), '0')],
      {
        now: NOW,
      },
    );
    const record = result.tokens.find((r) => r.token.text === RT);
    expect(record?.token.kind).toBe('opaque');
    expect(record?.token.fingerprint).toBe(alone.tokens[0]?.token.fingerprint);
    expect(record?.sightings).toHaveLength(2);
    expect(rulesOf(result, RT)).not.toContain('fmt-malformed');
  });

  it('takes the purpose from the place: refresh_token → refresh, access_token and Bearer → access', () => {
    const result = audit(tokenResponse(), apiCall('https://api.example.test/me'));
    const purposes = Object.fromEntries(result.tokens.map((r) => [r.token.text, r.purpose]));
    expect(purposes).toEqual({ [AT]: 'access', [RT]: 'refresh' });
  });
});

describe('audit of opaque tokens: which rules run', () => {
  it('runs no JWT structure or claim rule, even on a token seen in many places', () => {
    const result = audit(
      tokenResponse(),
      apiCall('http://api.example.test/me'),
      apiCall(`https://api.example.test/export?access_token=${AT}`),
      refreshGrant(1),
      refreshGrant(2),
    );
    for (const text of [AT, RT]) for (const id of rulesOf(result, text)) expect(JWT_RULES).not.toContain(id);
    expect(JWT_RULES).toEqual(
      expect.arrayContaining(['fmt-malformed', 'exp-missing', 'iss-missing', 'alg-unregistered']),
    );
  });

  it('transport-cleartext and token-in-url fire for an opaque access token', () => {
    const result = audit(
      tokenResponse('https://id.example.test/token', 'no-store'),
      apiCall('http://api.example.test/me'),
      apiCall(`https://api.example.test/export?access_token=${AT}`),
    );
    expect(rulesOf(result, AT)).toEqual(['token-in-url', 'transport-cleartext']);
    const cleartext = result.findings.find((f) => f.ruleId === 'transport-cleartext');
    expect(cleartext?.detail).toBe('sent over http:// to api.example.test in 1 request');
  });

  it('token-in-url fires for an opaque token in an implicit-flow redirect', () => {
    const location = `https://app.example.test/cb#access_token=${AT}&token_type=bearer`;
    const result = audit(
      makeEntry({
        url: 'https://id.example.test/authorize?response_type=token',
        status: 302,
        responseHeaders: [
          { name: 'Location', value: location },
          { name: 'Cache-Control', value: 'no-store' },
        ],
      }),
    );
    expect(rulesOf(result, AT)).toEqual(['token-in-url']);
    expect(result.findings[0]?.detail).toBe(
      'in the URL (redirect Location header) of 1 request to id.example.test',
    );
  });

  it('token-response-cacheable fires without no-store and not with it', () => {
    expect(rulesOf(audit(tokenResponse('https://id.example.test/token', 'no-store')), AT)).toEqual([]);
    expect(rulesOf(audit(tokenResponse()), AT)).toEqual(['token-response-cacheable']);
  });

  it('refresh-token-exposed fires for an opaque refresh token handed to page scripts', () => {
    const result = audit(tokenResponse('https://id.example.test/token', 'no-store'));
    const finding = result.findings.find((f) => f.ruleId === 'refresh-token-exposed');
    expect(finding?.detail).toBe(
      'refresh token handled by page scripts (response body $.refresh_token) in 1 request',
    );
  });

  it('refresh-token-reused fires when the opaque refresh token is accepted twice, not once', () => {
    const once = audit(tokenResponse('https://id.example.test/token', 'no-store'), refreshGrant(1));
    expect(rulesOf(once, RT)).not.toContain('refresh-token-reused');
    const twice = audit(
      tokenResponse('https://id.example.test/token', 'no-store'),
      refreshGrant(1),
      refreshGrant(2),
    );
    expect(rulesOf(twice, RT)).toContain('refresh-token-reused');
    const rejected = audit(refreshGrant(1), refreshGrant(2, 400));
    expect(rulesOf(rejected, RT)).not.toContain('refresh-token-reused');
  });

  it('revoking the refresh token after its one use is not a reuse (RFC 7009)', () => {
    const revoke = makeEntry({
      method: 'POST',
      url: 'https://id.example.test/token/revocation',
      startedDateTime: '2025-03-14T09:05:00.000Z',
      postData: form(`token=${RT}&token_type_hint=refresh_token`),
    });
    const result = audit(refreshGrant(1), revoke);
    expect(result.tokens.find((r) => r.token.text === RT)?.sightings).toHaveLength(2);
    expect(rulesOf(result, RT)).not.toContain('refresh-token-reused');
  });

  it('cookie rules fire for a token-named cookie, not for a session cookie', () => {
    const result = audit(
      makeEntry({
        url: 'https://app.example.test/login',
        responseHeaders: [
          { name: 'Set-Cookie', value: `access_token=${AT}; Path=/` },
          { name: 'Cache-Control', value: 'no-store' },
          { name: 'Set-Cookie', value: `session=${RT}; Path=/` },
        ],
      }),
    );
    expect(rulesOf(result, AT)).toEqual(['cookie-no-httponly', 'cookie-no-secure', 'cookie-samesite-weak']);
    expect(result.tokens.map((r) => r.token.text)).toEqual([AT]);
  });

  it('token-third-party-leak fires when the page sends the token to another site', () => {
    const origin = { name: 'Origin', value: 'https://app.example.test' };
    const beacon = makeEntry({
      method: 'POST',
      url: 'https://collect.tracker.example/beacon',
      requestHeaders: [origin],
      postData: { mimeType: 'application/json', text: JSON.stringify({ accessToken: AT }) },
    });
    const leaked = audit(tokenResponse('https://id.example.test/token', 'no-store'), beacon);
    expect(rulesOf(leaked, AT)).toEqual(['token-third-party-leak']);
    expect(leaked.findings[0]?.severity).toBe('medium');
    // Only in Authorization, to one site: an opaque token names no site of its own, so that site is, as
    // far as the capture can tell, the API it was issued for (RFC 6750 §2.1): no finding.
    const bearer = audit(
      tokenResponse('https://id.example.test/token', 'no-store'),
      apiCall('https://api.partner.example/v1/me', [origin]),
    );
    expect(rulesOf(bearer, AT)).toEqual([]);
    // In headers to two other sites: one of them may be foreign, but which is unknown: low, saying so.
    const spread = audit(
      tokenResponse('https://id.example.test/token', 'no-store'),
      apiCall('https://api.partner.example/v1/me', [origin]),
      apiCall('https://api.other-vendor.example/v2/x', [origin]),
    );
    const fp = spread.tokens.find((r) => r.token.text === AT)?.token.fingerprint;
    const ofAt = spread.findings.filter((f) => f.fingerprint === fp);
    expect(ofAt.map((f) => [f.ruleId, f.severity])).toEqual([['token-third-party-leak', 'low']]);
    expect(ofAt[0]?.detail).toContain('names no site of its own');
    const sameSite = audit(
      tokenResponse('https://id.example.test/token', 'no-store'),
      apiCall('https://api.example.test/me', [{ name: 'Origin', value: 'https://app.example.test' }]),
    );
    expect(rulesOf(sameSite, AT)).toEqual([]);
  });
});
