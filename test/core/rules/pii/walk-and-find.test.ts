import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { normalizeClaimName } from '../../../../src/core/rules/pii/claim-name';
import { findPiiValues } from '../../../../src/core/rules/pii/find-pii-values';
import { entropyPerChar, findSecrets } from '../../../../src/core/rules/pii/find-secrets';
import { findOidcClaims, oidcClaimName } from '../../../../src/core/rules/pii/oidc-claims';
import { walkJson } from '../../../../src/core/rules/pii/walk-json';

describe('walkJson', () => {
  it('names every leaf and member with a readable path', () => {
    const walk = walkJson({ a: { 'b.c': [1, { d: null }] }, e: 'x' });
    expect(walk.leaves).toEqual([
      { path: 'a["b.c"][0]', key: 'b.c', value: 1 },
      { path: 'a["b.c"][1].d', key: 'd', value: null },
      { path: 'e', key: 'e', value: 'x' },
    ]);
    expect(walk.members.map((m) => m.path)).toEqual(['a', 'a["b.c"]', 'a["b.c"][1].d', 'e']);
  });

  it('is bounded in depth and size, and memoised', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = { k: deep };
    expect(walkJson(deep as object).leaves).toEqual([]);
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const walk = walkJson(wide);
    expect(walk.leaves.length + walk.members.length).toBeLessThanOrEqual(20_000);
    expect(walkJson(wide)).toBe(walk);
  });
});

describe('claim names', () => {
  it.each([
    ['client_secret', 'clientsecret'],
    ['clientSecret', 'clientsecret'],
    ['https://example.com/Client-Secret', 'clientsecret'],
    ['cognito:groups', 'groups'],
  ])('%s normalises to %s', (key, normal) => {
    expect(normalizeClaimName(key)).toBe(normal);
  });

  it('recognises OIDC claims, namespaced ones too, and not prototype names', () => {
    expect(oidcClaimName('email')).toBe('email');
    expect(oidcClaimName('https://app/phone_number')).toBe('phone_number');
    expect(oidcClaimName('constructor')).toBeUndefined();
    expect(oidcClaimName('Email')).toBeUndefined();
    const found = findOidcClaims({ profile: { picture: 'https://x/p.png' }, email_verified: true });
    expect(found.map((f) => [f.path, f.claim, f.sensitivity])).toEqual([
      ['profile', 'profile', 'medium'],
      ['profile.picture', 'picture', 'medium'],
    ]);
  });
});

describe('findPiiValues', () => {
  it('reports each kind with its path and honours the detector switches', () => {
    const leaves = walkJson({ a: 'x@example.com', b: ['4111111111111111'] }).leaves;
    expect(findPiiValues(leaves, DEFAULT_POLICY.pii)).toEqual([
      { path: 'a', kind: 'e-mail address', value: 'x@example.com' },
      { path: 'b[0]', kind: 'Visa card number (Luhn-valid)', value: '4111111111111111' },
    ]);
    const noEmail = { ...DEFAULT_POLICY.pii, email: false, paymentCard: false };
    expect(findPiiValues(leaves, noEmail)).toEqual([]);
  });

  it('ignores numbers, booleans and short strings', () => {
    const leaves = walkJson({ n: 4111111111111111, t: true, s: 'a@b' }).leaves;
    expect(findPiiValues(leaves, DEFAULT_POLICY.pii)).toEqual([]);
  });
});

describe('findSecrets', () => {
  it('computes entropy per character', () => {
    expect(entropyPerChar('aaaa')).toBe(0);
    expect(entropyPerChar('abcd')).toBe(2);
  });

  it('prefers the value shape over the claim name', () => {
    const leaves = walkJson({
      password: '$2y$10$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0',
    }).leaves;
    expect(findSecrets(leaves).map((s) => s.kind)).toEqual(['bcrypt password hash']);
  });

  it('finds a PEM private key under any name, and nothing in ordinary claims', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';
    expect(findSecrets(walkJson({ note: pem }).leaves).map((s) => s.kind)).toEqual(['PEM private key']);
    const ordinary = walkJson({
      sub: 'u1',
      scope: 'read',
      kid: 'q8Zr2LxV0pT7mN4bW9cJ5hK1',
      token_type: 'Bearer',
    });
    expect(findSecrets(ordinary.leaves)).toEqual([]);
  });
});
