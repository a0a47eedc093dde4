import { describe, expect, it } from 'vitest';
import { auditCapture, guessPurpose } from '../../../src/core/audit';
import { parseToken } from '../../../src/core/token/parse-token';
import type { CaptureResult, Finding, Sighting } from '../../../src/core/types';

const NOW = 1_767_225_600;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sig = (n: number) => Buffer.from(new Uint8Array(n).fill(3)).toString('base64url');

/** The public key of RFC 9449 Figure 4's proofs. */
const PUBLIC_JWK = {
  kty: 'EC',
  x: 'l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs',
  y: '9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA',
  crv: 'P-256',
};
const PROOF_HEADER = { typ: 'dpop+jwt', alg: 'ES256', jwk: PUBLIC_JWK };
/** RFC 9449 §4.2's claims: jti, htm, htu, iat; nothing a bearer token needs. */
const PROOF_CLAIMS = {
  jti: '-BwC3ESc6acc2lTc',
  htm: 'POST',
  htu: 'https://server.example.com/token',
  iat: NOW - 5,
};

const proof = (header: object = PROOF_HEADER, claims: object = PROOF_CLAIMS, sigBytes = 64) =>
  `${b64(header)}.${b64(claims)}.${sig(sigBytes)}`;

function sighting(tokenText: string, name: string, url = 'https://server.example.com/token'): Sighting {
  return {
    id: '1:0',
    tokenText,
    where: 'request-header',
    name,
    url,
    method: 'POST',
    status: 200,
    scheme: 'https',
    startedAt: new Date(NOW * 1000).toISOString(),
    requestId: '1',
  };
}

function audit(...sightings: Sighting[]): Finding[] {
  const capture: CaptureResult = {
    sightings,
    observations: [],
    keyDocuments: [],
    problems: [],
    entryCount: 1,
  };
  return auditCapture([capture], { now: NOW }).findings;
}

const idsOf = (findings: Finding[], fingerprint?: string) =>
  [
    ...new Set(findings.filter((f) => !fingerprint || f.fingerprint === fingerprint).map((f) => f.ruleId)),
  ].sort();

describe('DPoP proofs (RFC 9449 §4.2): their own profile, not an access token', () => {
  it('is recognised by its typ, by the DPoP request header, or (untyped) by htm and htu', () => {
    expect(guessPurpose(parseToken(proof()), [])).toBe('dpop');
    const untyped = proof({ alg: 'ES256', jwk: PUBLIC_JWK });
    expect(guessPurpose(parseToken(untyped), [sighting(untyped, 'DPoP')])).toBe('dpop');
    expect(guessPurpose(parseToken(untyped), [])).toBe('dpop');
    // The near miss: `Authorization: DPoP <token>` carries the DPoP-bound access token, not the proof.
    const at = `${b64({ typ: 'at+jwt', alg: 'ES256' })}.${b64({ sub: 'u', client_id: 'c' })}.${sig(64)}`;
    expect(guessPurpose(parseToken(at), [sighting(at, 'Authorization')])).toBe('access');
  });

  it('a conformant proof gets no bearer-token findings: no exp/aud/iss/sub, and its public jwk is required', () => {
    const text = proof();
    expect(idsOf(audit(sighting(text, 'DPoP')))).toEqual([]);
  });

  it('the same header on a token that is not a proof still reports the embedded key', () => {
    const text = `${b64({ alg: 'ES256', typ: 'app+jwt', jwk: PUBLIC_JWK })}.${b64({ sub: 'u', iat: NOW - 5 })}.${sig(64)}`;
    expect(idsOf(audit(sighting(text, 'X-Token')))).toContain('hdr-jwk-embedded');
  });

  it('a private key in the proof’s jwk is a finding', () => {
    const leaky = proof({ ...PROOF_HEADER, jwk: { ...PUBLIC_JWK, d: 'AAAA' } });
    const hit = audit(sighting(leaky, 'DPoP')).find((f) => f.ruleId === 'hdr-jwk-embedded');
    expect(hit?.detail).toBe(
      'The DPoP proof\'s "jwk" header (RFC 9449 §4.2) must hold only the public key ("jwk", kty "EC"); it also carries the private key ("d"): anyone who sees the token can sign with it.',
    );
  });

  it('dpop-proof-nonconformant: a MAC, no jwk, no htm/htu; jti and iat by their own rules, citing RFC 9449', () => {
    const { htm: _htm, htu: _htu, jti: _jti, ...rest } = PROOF_CLAIMS;
    const bad = proof({ typ: 'dpop+jwt', alg: 'HS256' }, rest, 32);
    const findings = audit(sighting(bad, 'DPoP'));
    expect(findings.find((f) => f.ruleId === 'dpop-proof-nonconformant')?.detail).toBe(
      'A DPoP proof that RFC 9449 §4.2 says a server must reject: alg is "HS256", a MAC: a proof must be signed with an asymmetric key; no "jwk" header carries the public key it was signed with; no "htm" and "htu" binds it to a request.',
    );
    expect(findings.find((f) => f.ruleId === 'jti-missing')?.detail).toBe(
      'No "jti" claim: no handle for replay detection or revocation; DPoP proofs require it (RFC 9449 §4.2).',
    );
    for (const id of ['exp-missing', 'aud-missing', 'iss-missing', 'sub-missing', 'at-profile-nonconformant'])
      expect(idsOf(findings)).not.toContain(id);
  });

  it('typ other than dpop+jwt on a proof sent in the DPoP header is reported at low', () => {
    const untyped = proof({ alg: 'ES256', typ: 'JWT', jwk: PUBLIC_JWK });
    const hit = audit(sighting(untyped, 'DPoP')).find((f) => f.ruleId === 'typ-not-explicit');
    expect(hit?.severity).toBe('low');
    expect(hit?.detail).toContain('"dpop+jwt" for DPoP proofs, RFC 9449 §4.2');
  });
});
