import { describe, expect, it } from 'vitest';
import { weakSecrets } from '../../../src/core/secrets/weak-secrets';

describe('weakSecrets', () => {
  const list = weakSecrets();

  it('has a few thousand distinct entries, generated the same way every time', () => {
    expect(list.length).toBeGreaterThan(3000);
    expect(list.length).toBeLessThan(12000);
    expect(new Set(list).size).toBe(list.length);
    expect(weakSecrets()).toBe(list);
  });

  it('starts with the empty secret and holds the usual defaults and placeholders', () => {
    expect(list[0]).toBe('');
    for (const s of [
      'secret',
      'your-256-bit-secret',
      'your-384-bit-secret',
      'your-512-bit-secret',
      'changeme',
      'change-me',
      'supersecret',
      'jwt_secret',
      'JWT_SECRET',
      'jwtSecret',
      'shhhhh',
      'keyboard cat',
      'secret123',
      'qwerty',
      '123456',
      'my-jwt-secret',
      'express-secret',
      'admin2024',
    ]) {
      expect(list, s).toContain(s);
    }
  });

  it('puts the likeliest secrets first', () => {
    expect(list.indexOf('secret')).toBeLessThan(10);
    expect(list.indexOf('changeme')).toBeLessThan(list.indexOf('wordpress2025'));
  });
});
