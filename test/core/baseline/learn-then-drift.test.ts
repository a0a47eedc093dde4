import { beforeAll, describe, expect, it } from 'vitest';
import { type Baseline, driftHits, learnBaseline } from '../../../src/core/baseline';
import type { EntryOptions } from '../capture/har-builders';
import { API, accessToken, at, auditEntries, session, type TokenOptions, use } from './drift-helpers';
import { TOOL } from './learn-helpers';

/**
 * Issue 16's Done-when, through learning: every drift id fires on a pair of captures made for it (a
 * baseline capture → `learnBaseline` → the drifted capture scanned against it) and stays silent on a
 * capture that matches the baseline (other tokens of the same kind, another session).
 */

let baseline: Baseline;
beforeAll(async () => {
  baseline = learnBaseline(auditEntries(await session(0)), { inputs: ['baseline.har'], tool: TOOL });
});

function driftIds(entries: readonly EntryOptions[]): string[] {
  const result = auditEntries(entries);
  return [...new Set(driftHits(result, baseline, result.policy).map((h) => h.ruleId))].sort();
}

describe('learned baseline, then drift', () => {
  it('learns the session it is given', () => {
    expect(baseline.profiles.map((p) => `${p.purpose} ${p.issuer}`)).toEqual([
      'access https://id.example.com',
    ]);
  });

  it('is silent on a capture that matches: the same kind of tokens in another session', async () => {
    const result = auditEntries(await session(100));
    expect(driftHits(result, baseline, result.policy)).toEqual([]);
  });

  it('is silent on the capture it was learned from', async () => {
    const result = auditEntries(await session(0));
    expect(driftHits(result, baseline, result.policy)).toEqual([]);
  });

  it.each<[string, TokenOptions]>([
    ['drift-alg-changed', { alg: 'HS256' }],
    ['drift-new-key-id', { kid: 'k2' }],
    ['drift-claim-added', { claims: { email: 'alice@example.com' } }],
    ['drift-claim-missing', { claims: { jti: undefined } }],
    ['drift-claim-type-changed', { claims: { scope: ['orders:read'] } }],
    ['drift-audience-changed', { claims: { aud: 'https://admin.example.com' } }],
    ['drift-lifetime-increased', { claims: { exp: Date.parse('2025-03-15T09:00:00Z') / 1000 } }],
    ['drift-new-issuer', { claims: { iss: 'https://staging-id.example.com' } }],
  ])('%s fires on the tokens made for it, and only it', async (id, token) => {
    expect(driftIds(await session(100, { token }))).toEqual([id]);
  });

  it('rates the weakening ones high: HMAC after RSA, an e-mail address in an access token', async () => {
    const severities = async (token: TokenOptions) => {
      const result = auditEntries(await session(100, { token }));
      return [...new Set(driftHits(result, baseline, result.policy).map((h) => `${h.ruleId} ${h.severity}`))];
    };
    expect(await severities({ alg: 'HS256' })).toEqual(['drift-alg-changed high']);
    expect(await severities({ claims: { email: 'alice@example.com' } })).toEqual(['drift-claim-added high']);
    expect(await severities({ claims: { tenant: 'acme' } })).toEqual(['drift-claim-added low']);
  });

  it('drift-cookie-weakened: the cookie lost HttpOnly', async () => {
    expect(driftIds(await session(100, { cookie: 'Secure; SameSite=Strict' }))).toEqual([
      'drift-cookie-weakened',
    ]);
  });

  it('drift-new-recipient-host: a token presented to another host', async () => {
    const entries = await session(100);
    entries.push({ ...(entries[1] as EntryOptions), url: 'https://analytics.example.net/collect' });
    expect(driftIds(entries)).toEqual(['drift-new-recipient-host']);
  });

  it('drift-transport-downgraded: a token sent over http', async () => {
    const entries = await session(100);
    entries.push({ ...(entries[1] as EntryOptions), url: `${API.replace('https:', 'http:')}/v1/orders` });
    expect(driftIds(entries)).toEqual(['drift-transport-downgraded']);
  });

  it('drift-issuance-rate: ten new tokens in one minute, where the baseline saw one', async () => {
    const entries = await session(100);
    for (let n = 200; n < 210; n++) entries.push(use(await accessToken({ n }), { seconds: 300 + n - 200 }));
    expect(driftIds(entries)).toEqual(['drift-issuance-rate']);
  });

  it('drift-rejections-increased: most uses rejected, where the baseline had none', async () => {
    const entries = await session(100);
    const token = await accessToken({ n: 100 });
    for (let i = 0; i < 4; i++) entries.push(use(token, { seconds: 400 + i, status: 401 }));
    expect(driftIds(entries)).toEqual(['drift-rejections-increased']);
  });
});

describe('learned baseline, then drift: opaque tokens, profiled by the place of their first sighting', () => {
  /** Opaque tokens issued in a JSON field whose name is not lower case, then presented as Bearer. */
  function opaqueSession(start: number, host = 'api.example.com'): EntryOptions[] {
    const entries: EntryOptions[] = [];
    for (let i = 0; i < 3; i++) {
      const token = `Rf8kQ2zLp0XwYv${start + i}Tn5Hc7Bd9Gm`;
      entries.push({
        method: 'POST',
        url: 'https://id.example.com/session',
        startedDateTime: at(start + 60 * i),
        content: { size: 1, mimeType: 'application/json', text: JSON.stringify({ accessToken: token }) },
      });
      entries.push({
        url: `https://${host}/v1/orders`,
        startedDateTime: at(start + 60 * i + 5),
        requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
      });
    }
    return entries;
  }

  it('compares them with the profile they were learned into (a JSON path keeps its case)', () => {
    const learned = learnBaseline(auditEntries(opaqueSession(0)), { inputs: ['b.har'], tool: TOOL });
    expect(learned.profiles.map((p) => p.place)).toEqual(['response-body:$.accessToken']);
    const drift = (entries: EntryOptions[]) => {
      const result = auditEntries(entries);
      return driftHits(result, learned, result.policy).map((h) => h.ruleId);
    };
    expect(drift(opaqueSession(500))).toEqual([]);
    expect(drift(opaqueSession(500, 'tracker.example.net'))).toEqual([
      'drift-new-recipient-host',
      'drift-new-recipient-host',
      'drift-new-recipient-host',
    ]);
  });
});
