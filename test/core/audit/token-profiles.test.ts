import { describe, expect, it } from 'vitest';
import { auditCapture, guessPurpose } from '../../../src/core/audit';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { parseToken } from '../../../src/core/token/parse-token';
import type { CaptureResult, Finding, Sighting } from '../../../src/core/types';

const NOW = 1_767_225_600;
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A compact RS256 JWS with a 2048-bit-sized signature (the audit does not verify it here). */
const jws = (header: object, claims: object) =>
  `${b64(header)}.${b64(claims)}.${Buffer.from(new Uint8Array(256).fill(3)).toString('base64url')}`;

/** Claims an OpenID provider puts in every token, as Google, Entra ID, Okta, Cognito and Keycloak do. */
const BASE = {
  iss: 'https://op.example.test',
  sub: 'user-1',
  aud: 'client-1',
  iat: NOW - 60,
  exp: NOW + 300,
};

function sighting(tokenText: string, where: Sighting['where'], name: string, url: string): Sighting {
  return {
    id: '1:0',
    tokenText,
    where,
    name,
    url,
    method: 'POST',
    status: 200,
    scheme: 'https',
    startedAt: new Date(NOW * 1000).toISOString(),
    requestId: '1',
  };
}

function audit(s: Sighting, policy = DEFAULT_POLICY): Finding[] {
  const capture: CaptureResult = {
    sightings: [s],
    observations: [],
    keyDocuments: [],
    problems: [],
    entryCount: 1,
  };
  return auditCapture([capture], { now: NOW, policy }).findings;
}

const severityOf = (findings: Finding[], id: string) => findings.find((f) => f.ruleId === id)?.severity;
const idsOf = (findings: Finding[]) => findings.map((f) => f.ruleId).sort();

const idToken = jws({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, { ...BASE, nonce: 'n-0S6', at_hash: 'x' });
const inTokenResponse = (text: string, name: string) =>
  sighting(text, 'response-body', name, 'https://op.example.test/token');

describe('token profiles (issue 12: noise on conformant providers)', () => {
  it('an RS256 ID token from a conformant provider gets no jti-missing and only info about RS256', () => {
    const findings = audit(inTokenResponse(idToken, 'id_token'));
    expect(idsOf(findings)).not.toContain('jti-missing');
    expect(severityOf(findings, 'alg-rsa-pkcs1v15')).toBe('info');
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual([]);
  });

  it('still reports a missing jti on an access token, citing RFC 9068', () => {
    const at = jws({ alg: 'RS256', typ: 'at+jwt' }, { ...BASE, client_id: 'client-1', scope: 'openid' });
    const findings = audit(sighting(at, 'request-header', 'Authorization', 'https://api.example.test/v1'));
    const jti = findings.find((f) => f.ruleId === 'jti-missing');
    expect(jti?.severity).toBe('low');
    expect(jti?.detail).toBe(
      'No "jti" claim: no handle for replay detection or revocation; JWT access tokens require it (RFC 9068 §2.2).',
    );
    expect(findings.find((f) => f.ruleId === 'at-profile-nonconformant')?.detail).toContain('missing jti');
  });

  it('at-profile-nonconformant is info for access tokens typed "JWT", low when typed at+jwt but incomplete', () => {
    const where = (text: string) =>
      sighting(text, 'request-header', 'Authorization', 'https://api.example.test/');
    const entra = jws({ alg: 'RS256', typ: 'JWT' }, { ...BASE, jti: 'j', scp: 'User.Read' });
    expect(severityOf(audit(where(entra)), 'at-profile-nonconformant')).toBe('info');
    const typed = jws({ alg: 'RS256', typ: 'at+jwt' }, { ...BASE, jti: 'j', scope: 'a' });
    const hit = audit(where(typed)).find((f) => f.ruleId === 'at-profile-nonconformant');
    expect(hit?.severity).toBe('low');
    expect(hit?.detail).toContain('missing client_id');
  });

  it('a policy raises alg-rsa-pkcs1v15 (e.g. for ASVS level 3)', () => {
    const policy = { ...DEFAULT_POLICY, severityOverrides: { 'alg-rsa-pkcs1v15': 'medium' as const } };
    expect(severityOf(audit(inTokenResponse(idToken, 'id_token'), policy), 'alg-rsa-pkcs1v15')).toBe(
      'medium',
    );
  });

  it('a refresh token is the issuer’s own: no missing-claim findings; a missing exp is said by refresh-token-exposed', () => {
    const rt = jws({ alg: 'RS256', typ: 'JWT' }, { iss: BASE.iss, sub: BASE.sub, typ: 'Refresh' });
    const findings = audit(inTokenResponse(rt, 'refresh_token'));
    for (const id of ['aud-missing', 'jti-missing', 'exp-missing', 'iat-missing'])
      expect(idsOf(findings)).not.toContain(id);
    expect(findings.find((f) => f.ruleId === 'refresh-token-exposed')?.detail).toContain('has no exp claim');
    const unknown = audit(
      sighting(
        rt.replace(/\..*\./, `.${b64({ sub: 'x' })}.`),
        'request-header',
        'X-Token',
        'https://api.example.test/',
      ),
    );
    expect(idsOf(unknown)).toEqual(expect.arrayContaining(['aud-missing', 'exp-missing', 'jti-missing']));
  });

  describe('logout tokens (OIDC Back-Channel Logout 1.0 §2.4)', () => {
    const logout = (claims: object, typ = 'logout+jwt') =>
      sighting(
        jws({ alg: 'RS256', typ }, claims),
        'request-body',
        'logout_token',
        'https://rp.example.test/bcl',
      );
    const conformant = { ...BASE, jti: 'l-1', sid: 's-1', events: { [LOGOUT_EVENT]: {} } };

    it('is recognised by its typ, its form field or its event', () => {
      const text = jws({ alg: 'RS256', typ: 'JWT' }, conformant);
      expect(guessPurpose(parseToken(text), [])).toBe('logout');
      expect(guessPurpose(parseToken(jws({ alg: 'RS256', typ: 'logout+jwt' }, BASE)), [])).toBe('logout');
      expect(guessPurpose(parseToken(jws({ alg: 'RS256' }, BASE)), [logout(BASE)])).toBe('logout');
    });

    it('a conformant logout token without sub (sid instead) gets no claim findings', () => {
      const findings = audit(logout({ ...conformant, sub: undefined }));
      expect(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual([]);
    });

    it('requires jti, sub or sid, the logout event, no nonce, and explicit typing', () => {
      const bad = { ...BASE, sub: undefined, nonce: 'n', events: {} };
      const findings = audit(logout(bad, 'JWT'));
      expect(findings.find((f) => f.ruleId === 'jti-missing')?.detail).toContain(
        'logout tokens require it (OIDC Back-Channel Logout 1.0 §2.4)',
      );
      expect(findings.find((f) => f.ruleId === 'sub-missing')?.detail).toContain('must carry sub or sid');
      const profile = findings.find((f) => f.ruleId === 'logout-token-nonconformant');
      expect(profile?.severity).toBe('medium');
      expect(profile?.detail).toBe(
        'Used as a logout token, but "events" does not hold the back-channel logout event and it carries a "nonce", which logout tokens must not: an ID token could be passed off as one.',
      );
      expect(severityOf(findings, 'typ-not-explicit')).toBe('low');
      expect(findings.find((f) => f.ruleId === 'typ-not-explicit')?.detail).toContain(
        '"logout+jwt" for logout tokens',
      );
    });

    it('an ID token presented as a logout token is caught', () => {
      const findings = audit(
        sighting(idToken, 'request-body', 'logout_token', 'https://rp.example.test/bcl'),
      );
      expect(idsOf(findings)).toContain('logout-token-nonconformant');
    });
  });
});
