import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import {
  API,
  AUD,
  accessProfile,
  accessToken,
  auditEntries,
  baselineOf,
  driftOf,
  hitsOf,
  OP,
  use,
} from './drift-helpers';

/**
 * Each drift id on a pair of captures made for it (issue 16): a drifted capture that fires it, and a near
 * miss that must not. Tokens are jose-signed and travel in HAR entries through the real capture and
 * auditor; baselines are hand-built to describe `accessToken()` as `use()` sends it.
 */

const baseline = baselineOf([accessProfile()]);

/** The evidence of a hit as `label: value` lines. */
const lines = (hit: { evidence?: { label: string; value: string }[] } | undefined) =>
  (hit?.evidence ?? []).map((e) => `${e.label}: ${e.value}`);

describe('a capture that matches its baseline', () => {
  it('yields no drift at all', async () => {
    const entries = [use(await accessToken({ n: 1 })), use(await accessToken({ n: 2 }), { seconds: 70 })];
    expect(driftOf(entries, baseline)).toEqual([]);
  });
});

describe('drift-new-issuer', () => {
  it('fires on a token from an issuer no profile names, with the known issuers beside it', async () => {
    const token = await accessToken({ claims: { iss: 'https://staging-id.example.com' } });
    const [hit, ...rest] = hitsOf(driftOf([use(token)], baseline), 'drift-new-issuer');
    expect(rest).toEqual([]);
    expect(lines(hit)).toEqual([
      `expected: issuers: "${OP}"`,
      'seen: issuer: "https://staging-id.example.com"',
    ]);
    expect(hit?.severity).toBeUndefined(); // the catalog's medium
  });

  it('is silent for a known issuer, even with a purpose its profiles do not cover', async () => {
    const idToken = await accessToken({
      typ: 'JWT',
      claims: { nonce: 'n1', scope: undefined, client_id: undefined },
    });
    const entries = [{ ...use(idToken), requestHeaders: [{ name: 'X-Id-Token', value: idToken }] }];
    expect(auditEntries(entries).tokens.map((r) => r.purpose)).toEqual(['id']);
    expect(driftOf(entries, baseline)).toEqual([]);
  });
});

describe('drift-alg-changed', () => {
  it('is high when an RS256 issuer starts signing with HS256, with the old algorithm’s dates', async () => {
    const hits = driftOf([use(await accessToken({ alg: 'HS256' }))], baseline);
    const [hit] = hitsOf(hits, 'drift-alg-changed');
    expect(hit?.severity).toBe('high');
    expect(hit?.detail).toContain('used RS256 in the baseline; this one uses HS256: a weaker signature');
    expect(lines(hit)).toEqual([
      'expected: alg RS256 (first seen 2025-02-12T09:00:00.000Z, last seen 2025-03-13T09:00:00.000Z)',
      'seen: alg HS256',
    ]);
  });

  it('is high for alg none from anything, even an HMAC issuer', async () => {
    const hmacBaseline = baselineOf([
      accessProfile({ algorithms: { HS256: { firstSeen: 'a', lastSeen: 'b' } } }),
    ]);
    const [hit] = hitsOf(
      driftOf([use(await accessToken({ alg: 'none' }))], hmacBaseline),
      'drift-alg-changed',
    );
    expect(hit?.severity).toBe('high');
  });

  it('is low for a change that weakens nothing (RS256 → ES256, HS256 → RS256)', async () => {
    const [toEc] = hitsOf(driftOf([use(await accessToken({ alg: 'ES256' }))], baseline), 'drift-alg-changed');
    expect(toEc?.severity).toBe('low');
    const hmacBaseline = baselineOf([
      accessProfile({ algorithms: { HS256: { firstSeen: 'a', lastSeen: 'b' } } }),
    ]);
    const [toRsa] = hitsOf(driftOf([use(await accessToken())], hmacBaseline), 'drift-alg-changed');
    expect(toRsa?.severity).toBe('low');
  });

  it('is silent for an algorithm the profile already used', async () => {
    const both = { RS256: { firstSeen: 'a', lastSeen: 'b' }, HS256: { firstSeen: 'a', lastSeen: 'b' } };
    const mixed = baselineOf([accessProfile({ algorithms: both })]);
    const token = await accessToken({ alg: 'HS256' });
    expect(hitsOf(driftOf([use(token)], mixed), 'drift-alg-changed')).toEqual([]);
  });

  it('is only low for a new HMAC when the profile already mixed HMAC in (nothing asymmetric-only weakened)', async () => {
    const both = { RS256: { firstSeen: 'a', lastSeen: 'b' }, HS512: { firstSeen: 'a', lastSeen: 'b' } };
    const mixed = baselineOf([accessProfile({ algorithms: both })]);
    const [hit] = hitsOf(driftOf([use(await accessToken({ alg: 'HS256' }))], mixed), 'drift-alg-changed');
    expect(hit?.severity).toBe('low');
  });
});

describe('drift-new-key-id', () => {
  it('reports a rotation (info) with the previous key’s first and last seen dates', async () => {
    const [hit] = hitsOf(driftOf([use(await accessToken({ kid: 'k2' }))], baseline), 'drift-new-key-id');
    expect(hit?.detail).toBe(
      'Key rotation: the access tokens of https://id.example.com were signed with kid k1 in the baseline; this one names kid k2.',
    );
    expect(lines(hit)).toEqual([
      'expected: kid k1 (first seen 2025-02-12T09:00:00.000Z, last seen 2025-03-13T09:00:00.000Z)',
      'seen: kid k2',
    ]);
  });

  it('cuts a long token-supplied kid in the detail and evidence', async () => {
    const kid = 'k'.repeat(250);
    const [hit] = hitsOf(driftOf([use(await accessToken({ kid }))], baseline), 'drift-new-key-id');
    expect(hit?.detail.length).toBeLessThan(300);
    expect(lines(hit)[1]).toBe(`seen: kid ${'k'.repeat(99)}…`);
  });

  it('is silent for a kid too long for a baseline to learn (learning it, then scanning, must not drift)', async () => {
    const kid = 'k'.repeat(257);
    expect(hitsOf(driftOf([use(await accessToken({ kid }))], baseline), 'drift-new-key-id')).toEqual([]);
  });

  it('is silent for the known key, and for a token that names no key', async () => {
    expect(hitsOf(driftOf([use(await accessToken({ kid: 'k1' }))], baseline), 'drift-new-key-id')).toEqual(
      [],
    );
    expect(hitsOf(driftOf([use(await accessToken({ kid: null }))], baseline), 'drift-new-key-id')).toEqual(
      [],
    );
  });
});

describe('drift-claim-added', () => {
  it('is high when an access token gains personal data (email) or a secret', async () => {
    const withEmail = await accessToken({ claims: { email: 'alice@example.org' } });
    const [hit] = hitsOf(driftOf([use(withEmail)], baseline), 'drift-claim-added');
    expect(hit?.severity).toBe('high');
    expect(lines(hit)).toEqual([
      'expected: claims: aud, client_id, exp, iat, iss, jti, scope and sub',
      'seen: new claim email (personal data)',
    ]);
    expect(JSON.stringify(hit)).not.toContain('alice');
    const withSecret = await accessToken({ claims: { client_secret: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' } });
    const [secret] = hitsOf(driftOf([use(withSecret)], baseline), 'drift-claim-added');
    expect(secret?.severity).toBe('high');
    expect(secret?.detail).toContain('client_secret (a secret)');
  });

  it('is low for a claim that is neither (a tenant id)', async () => {
    const [hit] = hitsOf(
      driftOf([use(await accessToken({ claims: { tenant: 'acme' } }))], baseline),
      'drift-claim-added',
    );
    expect(hit?.severity).toBe('low');
    expect(hit?.detail).toBe('New claim in access tokens of https://id.example.com: tenant.');
  });

  it('follows the policy’s detectors: with e-mail and OIDC claims off, a new email is low', async () => {
    const policy = { ...DEFAULT_POLICY, pii: { ...DEFAULT_POLICY.pii, oidcClaims: false, email: false } };
    const withEmail = await accessToken({ claims: { email: 'alice@example.org' } });
    const [hit] = hitsOf(driftOf([use(withEmail)], baseline, policy), 'drift-claim-added');
    expect(hit?.severity).toBe('low');
  });

  it('is silent for a claim the profile saw sometimes', async () => {
    const claims = {
      ...accessProfile().claims,
      tenant: { presence: 'sometimes' as const, types: ['string' as const] },
    };
    const known = baselineOf([accessProfile({ claims })]);
    expect(driftOf([use(await accessToken({ claims: { tenant: 'acme' } }))], known)).toEqual([]);
  });
});

describe('drift-claim-missing', () => {
  it('fires when a claim every baseline token carried is gone (aud)', async () => {
    const [hit] = hitsOf(
      driftOf([use(await accessToken({ claims: { aud: undefined } }))], baseline),
      'drift-claim-missing',
    );
    expect(hit?.detail).toContain('missing: aud');
    expect(lines(hit)).toEqual([
      'expected: always present: aud, client_id, exp, iat, iss, jti, scope and sub',
      'seen: missing: aud',
    ]);
  });

  it('is silent when the missing claim was only sometimes there', async () => {
    const claims = {
      ...accessProfile().claims,
      jti: { presence: 'sometimes' as const, types: ['string' as const] },
    };
    const sometimes = baselineOf([accessProfile({ claims })]);
    expect(driftOf([use(await accessToken({ claims: { jti: undefined } }))], sometimes)).toEqual([]);
  });
});

describe('drift-claim-type-changed', () => {
  it('fires when aud turns from a string into an array', async () => {
    const token = await accessToken({ claims: { aud: [AUD] } });
    const [hit] = hitsOf(driftOf([use(token)], baseline), 'drift-claim-type-changed');
    expect(hit?.detail).toBe(
      'Claim type changed in access tokens of https://id.example.com: aud is an array, was string.',
    );
    expect(lines(hit)).toEqual(['expected: aud: string', 'seen: aud: array']);
  });

  it('is silent when the profile learned both types', async () => {
    const claims = {
      ...accessProfile().claims,
      aud: { presence: 'always' as const, types: ['string' as const, 'array' as const] },
    };
    const both = baselineOf([accessProfile({ claims })]);
    expect(driftOf([use(await accessToken({ claims: { aud: [AUD] } }))], both)).toEqual([]);
  });
});

describe('drift-audience-changed', () => {
  it('fires when tokens are issued for an audience the baseline never saw', async () => {
    const token = await accessToken({ claims: { aud: 'https://admin.example.com' } });
    const [hit] = hitsOf(driftOf([use(token)], baseline), 'drift-audience-changed');
    expect(lines(hit)).toEqual([`expected: aud: ${AUD}`, 'seen: aud: https://admin.example.com']);
  });

  it('is silent for any audience the profile knows', async () => {
    const two = baselineOf([accessProfile({ audiences: [AUD, 'https://admin.example.com'] })]);
    expect(driftOf([use(await accessToken({ claims: { aud: 'https://admin.example.com' } }))], two)).toEqual(
      [],
    );
  });
});

describe('drift-lifetime-increased', () => {
  it('fires when 15-minute tokens start living a day', async () => {
    const token = await accessToken({
      claims: { exp: 0 + 86_400 + Date.parse('2025-03-14T09:00:00Z') / 1000 },
    });
    const [hit] = hitsOf(driftOf([use(token)], baseline), 'drift-lifetime-increased');
    expect(hit?.detail).toBe(
      'Lives 1 d; the baseline’s access tokens of https://id.example.com lived at most 15 min (10 % tolerated).',
    );
    expect(lines(hit)).toEqual(['expected: lifetime 15 min to 15 min (median 15 min)', 'seen: lifetime 1 d']);
  });

  it('is silent within the tolerance, and fires there when the policy tolerates nothing', async () => {
    const iat = Date.parse('2025-03-14T09:00:00Z') / 1000;
    const token = await accessToken({ claims: { exp: iat + 960 } });
    expect(driftOf([use(token)], baseline)).toEqual([]);
    const strict = {
      ...DEFAULT_POLICY,
      drift: { lifetimeTolerance: 0, issuanceRateFactor: 3, rejectionRateFactor: 3 },
    };
    expect(hitsOf(driftOf([use(token)], baseline, strict), 'drift-lifetime-increased')).toHaveLength(1);
  });
});

describe('drift-new-recipient-host', () => {
  it('fires when the token is presented to a new host, naming only those requests', async () => {
    const token = await accessToken();
    const hits = driftOf(
      [use(token), use(token, { url: 'https://analytics.example.net/collect', seconds: 20 })],
      baseline,
    );
    const [hit] = hitsOf(hits, 'drift-new-recipient-host');
    expect(hit?.sightingIds).toHaveLength(1);
    expect(lines(hit)).toEqual(['expected: hosts: api.example.com', 'seen: host analytics.example.net']);
  });

  it('is silent for the known host on another path, and for a new host that only handed the token out', async () => {
    const token = await accessToken();
    const issued = {
      url: 'https://login.example.com/oauth/token',
      method: 'POST',
      startedDateTime: '2025-03-14T09:00:05.000Z',
      content: { size: 0, mimeType: 'application/json', text: JSON.stringify({ access_token: token }) },
    };
    expect(driftOf([issued, use(token, { url: `${API}/v2/other` })], baseline)).toEqual([]);
  });
});

describe('drift-cookie-weakened', () => {
  const session = accessProfile({
    carriers: [
      { where: 'set-cookie', name: 'session', cookie: { httpOnly: true, secure: true, sameSite: 'strict' } },
    ],
  });
  const cookieBaseline = baselineOf([session]);
  const setCookie = (token: string, attributes: string) => ({
    url: `${API}/login`,
    method: 'POST',
    responseHeaders: [{ name: 'Set-Cookie', value: `session=${token}; ${attributes}` }],
  });

  it('fires when HttpOnly is gone and SameSite fell from Strict to Lax', async () => {
    const token = await accessToken();
    const [hit] = hitsOf(
      driftOf([setCookie(token, 'Secure; SameSite=Lax; Path=/')], cookieBaseline),
      'drift-cookie-weakened',
    );
    expect(hit?.detail).toContain('lost HttpOnly and SameSite=strict (now lax)');
    expect(lines(hit)[0]).toBe('expected: cookie session; HttpOnly; Secure; SameSite=strict');
    expect(lines(hit)[1]).toMatch(/^seen: cookie session; Secure; SameSite=lax/);
  });

  it('is silent when every attribute is still there (even with more added)', async () => {
    const token = await accessToken();
    const entries = [setCookie(token, 'HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=900')];
    expect(hitsOf(driftOf(entries, cookieBaseline), 'drift-cookie-weakened')).toEqual([]);
  });
});

describe('drift-transport-downgraded', () => {
  it('is high when an https-only token goes over http', async () => {
    const token = await accessToken();
    const [hit] = hitsOf(
      driftOf([use(token, { url: 'http://api.example.com/v1/orders' })], baseline),
      'drift-transport-downgraded',
    );
    expect(hit?.severity).toBe('high');
    expect(lines(hit)).toEqual(['expected: transport: https', 'seen: transport: http']);
  });

  it('is low when the cleartext stayed on loopback', async () => {
    const token = await accessToken();
    const local = baselineOf([accessProfile({ recipientHosts: ['localhost'] })]);
    const [hit] = hitsOf(
      driftOf([use(token, { url: 'http://localhost:8080/v1/orders' })], local),
      'drift-transport-downgraded',
    );
    expect(hit?.severity).toBe('low');
  });

  it('is silent when the baseline already saw http, and over wss', async () => {
    const token = await accessToken();
    const mixed = baselineOf([accessProfile({ transports: ['http', 'https'] })]);
    expect(driftOf([use(token, { url: 'http://api.example.com/v1/orders' })], mixed)).toEqual([]);
    const ws = baselineOf([accessProfile({ transports: ['https', 'wss'] })]);
    expect(driftOf([use(token, { url: 'wss://api.example.com/socket' })], ws)).toEqual([]);
  });
});

describe('drift-issuance-rate', () => {
  async function burst(count: number) {
    const entries = [];
    for (let n = 0; n < count; n++) entries.push(use(await accessToken({ n }), { seconds: 5 + n }));
    return entries;
  }

  it('fires once when one minute sees far more new tokens than the baseline’s busiest (10 vs 2)', async () => {
    const hits = hitsOf(driftOf(await burst(10), baseline), 'drift-issuance-rate');
    expect(hits).toHaveLength(1);
    expect(lines(hits[0])).toEqual([
      'expected: at most 2 per minute (median 1)',
      // Minutes of the capture's time range, as learning counts them: the capture starts at 09:00:05.
      'seen: 10 in the minute from 2025-03-14T09:00:05Z',
    ]);
  });

  it('is silent at the factor (6 = 3 × 2)', async () => {
    expect(hitsOf(driftOf(await burst(6), baseline), 'drift-issuance-rate')).toEqual([]);
  });
});

describe('drift-rejections-increased', () => {
  async function uses(rejected: number, total: number) {
    const entries = [];
    for (let n = 0; n < total; n++)
      entries.push(use(await accessToken({ n }), { seconds: 70 * n, status: n < rejected ? 401 : 200 }));
    return entries;
  }

  it('fires when 4 of 5 uses are rejected where the baseline rejected none, naming the error code', async () => {
    const hits = hitsOf(driftOf(await uses(4, 5), baseline), 'drift-rejections-increased');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.detail).toContain('4 of 5 uses');
    expect(lines(hits[0])).toEqual([
      'expected: 0 % rejected of 40 uses',
      'seen: 80 % rejected of 5 uses (invalid_token)',
    ]);
  });

  it('is silent for two rejections, and for a share within the factor of the baseline’s', async () => {
    expect(driftOf(await uses(2, 5), baseline)).toEqual([]);
    const noisy = baselineOf([
      accessProfile({ responses: { uses: 40, rejectedShare: 0.5, errorCodes: ['invalid_token'] } }),
    ]);
    expect(driftOf(await uses(4, 5), noisy)).toEqual([]);
  });
});
