import { describe, expect, it } from 'vitest';
import { matchesHost } from '../../../../src/core/rules/token/policy-rules';
import { goodToken, hitOf, ids, jwe, run, sighting } from './helpers';

describe('alg-not-allowed', () => {
  it('applies to JWE key management too', () => {
    const text = jwe({ alg: 'RSA-OAEP', enc: 'A256GCM' });
    const hit = hitOf(run(text, { policy: { allowedAlgorithms: ['RSA-OAEP-256'] } }), 'alg-not-allowed');
    expect(hit?.detail).toBe('alg "RSA-OAEP" is not allowed by the policy (allowed: "RSA-OAEP-256").');
  });

  it('an empty allowlist allows nothing; null allows everything', () => {
    expect(
      hitOf(run(goodToken(), { policy: { allowedAlgorithms: [] } }), 'alg-not-allowed')?.detail,
    ).toContain('(allowed: nothing)');
    expect(ids(run(goodToken(), { policy: { allowedAlgorithms: null } }))).toEqual([]);
  });
});

describe('matchesHost', () => {
  it.each([
    ['api.example.com', 'api.example.com', true],
    ['api.example.com', 'API.example.com', true],
    ['api.example.com', 'x.api.example.com', false],
    ['*.example.com', 'api.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'badexample.com', false],
  ])('%s vs %s → %s', (pattern, host, expected) => {
    expect(matchesHost(pattern, host)).toBe(expected);
  });
});

describe('iss-unexpected / aud-unexpected', () => {
  const atApi = sighting({ id: 's1', url: 'https://api.example.com/a' });
  const elsewhere = sighting({ id: 's2', url: 'https://cdn.other.net/x' });
  const policy = {
    expectations: [{ host: 'api.example.com', issuers: ['https://idp.example.com'], audiences: ['orders'] }],
  };

  it('name the sightings to the matching host only', () => {
    const hits = run(goodToken(), { sightings: [atApi, elsewhere], policy });
    expect(hitOf(hits, 'iss-unexpected')).toEqual({
      ruleId: 'iss-unexpected',
      detail:
        'Sent to api.example.com (policy "api.example.com") with iss "https://login.example.com"; expected "https://idp.example.com".',
      sightingIds: ['s1'],
    });
    expect(hitOf(hits, 'aud-unexpected')?.sightingIds).toEqual(['s1']);
  });

  it('say so when the claim is absent', () => {
    const hits = run(goodToken({ iss: undefined, aud: undefined }), { sightings: [atApi], policy });
    expect(hitOf(hits, 'iss-unexpected')?.detail).toContain('with no iss;');
    expect(hitOf(hits, 'aud-unexpected')?.detail).toContain('with no aud;');
  });

  it('stay quiet for hosts without expectations, and for tokens with no sightings', () => {
    expect(ids(run(goodToken(), { sightings: [elsewhere], policy }))).toEqual([]);
    expect(ids(run(goodToken(), { policy }))).toEqual([]);
  });
});

describe('claim-required-missing', () => {
  it('lists every missing claim; null counts as missing', () => {
    const hit = hitOf(
      run(goodToken({ tid: null }), { policy: { requiredClaims: ['tid', 'acr', 'sub'] } }),
      'claim-required-missing',
    );
    expect(hit?.detail).toBe('Claims required by the policy are missing: "tid" and "acr".');
  });
});
