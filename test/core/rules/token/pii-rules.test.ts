import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/core/policy';
import { goodToken, hitOf, ids, run, sighting } from './helpers';

const off = (key: keyof typeof DEFAULT_POLICY.pii) => ({ pii: { ...DEFAULT_POLICY.pii, [key]: false } });

describe('pii-oidc-claims', () => {
  it.each([
    [{ email: 'jane@example.org' }, 'medium'],
    [{ name: 'Jane Doe', gender: 'f' }, 'medium'],
    [{ birthdate: '1990-01-01' }, 'high'],
    [{ address: { street_address: '1 Main St' } }, 'high'],
    [{ phone_number: '+1 202 555 0143' }, 'high'],
    [{ locale: 'en-GB', zoneinfo: 'Europe/London' }, 'low'],
  ])('%o → %s', (claims, severity) => {
    expect(hitOf(run(goodToken(claims)), 'pii-oidc-claims')?.severity).toBe(severity);
  });

  it('raises one tier when the token travels in a URL or a cookie', () => {
    const inUrl = [sighting({ where: 'query', name: 'token' })];
    const hit = hitOf(
      run(goodToken({ address: { country: 'UK' } }), { sightings: inUrl }),
      'pii-oidc-claims',
    );
    expect(hit?.severity).toBe('critical');
    expect(hit?.detail).toBe(
      'Personal data readable by anyone holding the token: address. The token travels in a URL.',
    );
    const inCookie = [sighting({ where: 'set-cookie', name: 'id' })];
    expect(
      hitOf(run(goodToken({ email: 'a@b.co' }), { sightings: inCookie }), 'pii-oidc-claims')?.severity,
    ).toBe('high');
  });

  it('is info in an ID token that stays out of URLs and cookies (OIDC Core §5.4), raised as usual when exposed', () => {
    const claims = { email: 'jane@example.org', name: 'Jane Doe', picture: 'https://example.org/j.png' };
    const hit = hitOf(run(goodToken(claims), { purpose: 'id' }), 'pii-oidc-claims');
    expect(hit?.severity).toBe('info');
    expect(hit?.detail).toContain('ID tokens carry these claims to the client by design (OIDC Core §5.4)');
    const inUrl = { purpose: 'id' as const, sightings: [sighting({ where: 'fragment', name: 'id_token' })] };
    expect(hitOf(run(goodToken(claims), inUrl), 'pii-oidc-claims')?.severity).toBe('high');
    expect(hitOf(run(goodToken(claims), { purpose: 'access' }), 'pii-oidc-claims')?.severity).toBe('medium');
    const sensitive = hitOf(
      run(goodToken({ phone_number: '+1 202 555 0143' }), { purpose: 'id' }),
      'pii-oidc-claims',
    );
    expect(sensitive?.severity).toBe('low');
    expect(sensitive?.detail).toContain('better served by the UserInfo endpoint');
  });

  it('finds nested and namespaced claims and masks values', () => {
    const text = goodToken({
      user: { given_name: 'Jonathan' },
      'https://app.example.com/email': 'jon@example.com',
    });
    const hit = hitOf(run(text), 'pii-oidc-claims');
    expect(hit?.detail).toContain('given_name and email');
    expect(hit?.evidence).toEqual([
      { label: 'user.given_name', value: 'Jo…', raw: 'Jonathan' },
      { label: '["https://app.example.com/email"]', value: '…@ex…', raw: 'jon@example.com' },
    ]);
  });

  it('ignores empty values and can be switched off', () => {
    expect(ids(run(goodToken({ email: '', name: null })))).toEqual([]);
    expect(ids(run(goodToken({ name: 'Jane Doe' }), { policy: off('oidcClaims') }))).toEqual([]);
  });
});

describe('pii-value-pattern', () => {
  it.each([
    [{ contact: 'mail jane.doe@example.org now' }, 'contact: e-mail address', 'email'],
    [{ card: '4111-1111-1111-1111' }, 'card: Visa card number (Luhn-valid)', 'paymentCard'],
    [{ acct: 'GB82 WEST 1234 5698 7654 32' }, 'acct: IBAN (mod-97 valid)', 'iban'],
    [{ tax: '536-90-4399' }, 'tax: US Social Security Number', 'usSsn'],
    [{ ssn: '536904399' }, 'ssn: US Social Security Number', 'usSsn'],
    [{ client_ip: '203.0.113.7' }, 'client_ip: IPv4 address', 'ipAddress'],
    [{ ipAddress: '2001:db8::1' }, 'ipAddress: IPv6 address', 'ipAddress'],
    [{ patient: '943 476 5919' }, 'patient: UK NHS number', 'nationalIds'],
    [{ dni: '12345678Z' }, 'dni: Spanish NIF', 'nationalIds'],
    [{ mobile: '+447700900123' }, 'mobile: phone number (E.164)', 'phone'],
  ] as const)('%o → %s, and off when %s is off', (claims, detail, detector) => {
    expect(hitOf(run(goodToken(claims)), 'pii-value-pattern')?.detail).toBe(
      `Personal data found by value: ${detail}.`,
    );
    expect(ids(run(goodToken(claims), { policy: off(detector) }))).not.toContain('pii-value-pattern');
  });

  it.each([
    { card: '4111 1111 1111 1112' },
    { acct: 'GB82 WEST 1234 5698 7654 33' },
    { tax: '666-12-3456' },
    { recipient: '203.0.113.7' },
    { id: '9434765919' },
    { version: '1.2.3.4' },
    { blob: 'QUJD4111111111111111REVGR0hJSktMTU5PUFFSU1RVVldYWVo+14155552671/x' },
  ])('quiet for %o', (claims) => {
    expect(ids(run(goodToken(claims)))).not.toContain('pii-value-pattern');
  });

  it('scans the header too, and leaves OIDC-named claims to pii-oidc-claims', () => {
    const hits = run(goodToken({ email: 'a.b@example.com' }, { kid: 'ops@example.com' }));
    expect(hitOf(hits, 'pii-value-pattern')?.detail).toBe(
      'Personal data found by value: header.kid: e-mail address.',
    );
    expect(hitOf(hits, 'pii-value-pattern')?.evidence?.[0]).toEqual({
      label: 'header.kid: e-mail address',
      value: '…@ex…',
      raw: 'ops@example.com',
    });
  });

  it('reports OIDC-named claims by value when the name detector is off', () => {
    const hits = run(goodToken({ email: 'a.b@example.com' }), { policy: off('oidcClaims') });
    expect(hitOf(hits, 'pii-value-pattern')?.detail).toContain('email: e-mail address');
  });
});

describe('secret-in-payload', () => {
  it.each([
    [{ password: 'hunter22' }, 'password: credential by claim name'],
    [{ user: { pwd: 'x1' } }, 'user.pwd: credential by claim name'],
    [{ apiKey: 'k-123' }, 'apiKey: credential by claim name'],
    [{ hash: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW' }, 'hash: bcrypt password hash'],
    [{ pw: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' }, 'pw: Argon2 password hash'],
    [{ blob: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }, 'blob: PEM private key'],
    [
      { password_hash: '5f4dcc3b5aa765d61d8327deb882cf99' },
      'password_hash: hex hash under a credential name (password hash?)',
    ],
    [{ totp_seed: 'JBSWY3DPEHPK3PXP' }, 'totp_seed: credential by claim name'],
  ])('%o', (claims, detail) => {
    expect(hitOf(run(goodToken(claims)), 'secret-in-payload')?.detail).toBe(
      `Secret-like claims readable by anyone holding the token: ${detail}.`,
    );
  });

  it.each([
    { password: '***' },
    { password: '' },
    { password_changed_at: '2024-01-01' },
    { mfa_enabled: true },
    { public_key: 'q8Zr2LxV0pT7mN4bW9cJ5hK1' },
    { sort_key: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
  ])('quiet for %o', (claims) => {
    expect(ids(run(goodToken(claims)))).not.toContain('secret-in-payload');
  });

  it('masks evidence and can be switched off', () => {
    const text = goodToken({ client_secret: 'abcdef123456' });
    expect(hitOf(run(text), 'secret-in-payload')?.evidence).toEqual([
      { label: 'client_secret', value: 'ab…', raw: 'abcdef123456' },
    ]);
    expect(ids(run(text, { policy: off('secrets') }))).not.toContain('secret-in-payload');
  });
});

describe('authz-claims-visible', () => {
  it('lists authorization claims, namespaced ones included', () => {
    const text = goodToken({
      admin: true,
      'https://app.example.com/roles': ['ops'],
      'cognito:groups': ['g'],
    });
    const hit = hitOf(run(text), 'authz-claims-visible');
    expect(hit?.detail).toBe(
      'Authorization claims visible to the client: admin, https://app.example.com/roles and cognito:groups.',
    );
    expect(hit?.evidence?.[0]).toEqual({ label: 'admin', value: 'true', raw: 'true' });
  });

  it('ignores claims that merely contain the words', () => {
    expect(ids(run(goodToken({ scoped_id: 1, administrator_name: 'x' })))).not.toContain(
      'authz-claims-visible',
    );
  });
});
