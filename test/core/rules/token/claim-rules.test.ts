import { describe, expect, it } from 'vitest';
import { goodToken, hitOf, ids, run, sighting } from './helpers';

describe('missing registered claims', () => {
  it.each([
    ['exp', 'exp-missing', 'No "exp" claim: the token never expires.'],
    ['iss', 'iss-missing', 'No "iss" claim: keys cannot be bound to an issuer.'],
    ['sub', 'sub-missing', 'No "sub" claim: the token names no subject.'],
    ['jti', 'jti-missing', 'No "jti" claim: no handle for replay detection or revocation.'],
    ['iat', 'iat-missing', 'No "iat" claim: its age and lifetime cannot be assessed.'],
  ])('%s null counts as missing (%s)', (claim, ruleId, detail) => {
    expect(hitOf(run(goodToken({ [claim]: null })), ruleId)?.detail).toBe(detail);
  });

  it('aud null is present but malformed: aud-invalid, not aud-missing (RFC 7519 §4.1.3)', () => {
    const hits = run(goodToken({ aud: null }));
    expect(hitOf(hits, 'aud-invalid')?.detail).toBe('aud is null, not a string or an array of strings.');
    expect(hitOf(hits, 'aud-missing')).toBeUndefined();
    // The near miss: an absent aud is missing, not invalid.
    const absent = run(goodToken({ aud: undefined }));
    expect(ids(absent)).toEqual(['aud-missing']);
  });

  it('an empty claims object misses them all', () => {
    const text = goodToken({
      iss: undefined,
      sub: undefined,
      aud: undefined,
      jti: undefined,
      iat: undefined,
      exp: undefined,
    });
    expect(ids(run(text))).toEqual([
      'aud-missing',
      'exp-missing',
      'iat-missing',
      'iss-missing',
      'jti-missing',
      'sub-missing',
    ]);
  });
});

describe('aud-invalid', () => {
  it.each([
    [[], 'aud is an empty array.'],
    ['', 'aud is an empty string.'],
    [42, 'aud is 42, not a string or an array of strings.'],
    [{ a: 1 }, 'aud is an object, not a string or an array of strings.'],
    [['api', 7], 'aud[1] is 7, not a non-empty string.'],
    [['api', ''], 'aud[1] is "", not a non-empty string.'],
  ])('aud %j', (aud, detail) => {
    expect(hitOf(run(goodToken({ aud })), 'aud-invalid')?.detail).toBe(detail);
  });

  it('a string or an array of strings passes', () => {
    expect(ids(run(goodToken({ aud: ['a', 'b'] })))).toEqual([]);
  });
});

describe('at-profile-nonconformant', () => {
  const bearer = sighting({ where: 'request-header', name: 'Authorization' });

  it('fires for AT-looking claims sent as Authorization, listing what is missing', () => {
    const text = goodToken({ scope: 'read', jti: undefined });
    const hit = hitOf(run(text, { sightings: [bearer] }), 'at-profile-nonconformant');
    expect(hit?.detail).toBe(
      'Used as an access token but not RFC 9068 conformant: typ is "app+jwt", not "at+jwt"; missing client_id and jti.',
    );
  });

  it('does not fire for AT-looking claims seen only in a cookie, or without AT hints', () => {
    const cookie = sighting({ where: 'request-cookie', name: 'session' });
    expect(ids(run(goodToken({ scope: 'read' }), { sightings: [cookie] }))).not.toContain(
      'at-profile-nonconformant',
    );
    expect(ids(run(goodToken(), { sightings: [bearer] }))).not.toContain('at-profile-nonconformant');
  });

  it('accepts application/at+jwt', () => {
    const text = goodToken({ client_id: 'web' }, { typ: 'application/at+jwt' });
    expect(ids(run(text, { purpose: 'access' }))).toEqual([]);
  });
});
