import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit/auditor';
import { captureHar } from '../../../src/core/capture';
import { buildEvents, MAX_COVERS } from '../../../src/core/lifecycle/events';
import { buildFamilies } from '../../../src/core/lifecycle/families';
import { indexRequests } from '../../../src/core/lifecycle/request-index';
import type { ExchangeFacts, LifecycleModel } from '../../../src/core/lifecycle/types';
import { buildUses } from '../../../src/core/lifecycle/uses';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { CaptureResult, TokenRecord } from '../../../src/core/types';
import { jsonContent, makeEntry, makeHar, mutate } from '../capture/har-builders';
import { APP, at, bearer, form, h, jwt, OP, tokenResponse } from './lifecycle-flow';

const A = jwt('a', 0, 600);
const R = 'rt-Zx8Qp2Lm4Nv6Bc0Df3Gh';

/** One entry of each lifecycle kind. */
function lifecycleEntries(): Record<string, unknown>[] {
  return [
    { url: `${OP}/.well-known/openid-configuration`, content: jsonContent({ issuer: OP }) },
    {
      url: `${OP}/authorize?response_type=code&client_id=c&state=s&nonce=n&code_challenge=x`,
      status: 302,
      responseHeaders: [h('Location', `${APP}/cb?code=C&state=s`)],
    },
    tokenResponse(1, 'grant_type=authorization_code&code=C', {
      access_token: A,
      refresh_token: R,
      expires_in: 60,
    }),
    tokenResponse(2, `grant_type=refresh_token&refresh_token=${R}`, { access_token: A, refresh_token: R }),
    {
      url: `${APP}/api/x`,
      status: 401,
      startedDateTime: at(3),
      requestHeaders: [bearer(A)],
      responseHeaders: [h('WWW-Authenticate', 'Bearer error="invalid_token", error_description="x"')],
    },
    { url: `${OP}/session/end?id_token_hint=${A}`, status: 302, startedDateTime: at(4) },
    { method: 'POST', url: `${OP}/revoke`, postData: form(`token=${R}&token_type_hint=refresh_token`) },
    { method: 'POST', url: `${APP}/logout`, requestHeaders: [h('Cookie', `s=${A}`)] },
  ].map((options) => makeEntry(options));
}

const PATHS = [
  [],
  ['request'],
  ['response'],
  ['request', 'url'],
  ['request', 'method'],
  ['request', 'headers'],
  ['request', 'headers', 0],
  ['request', 'headers', 0, 'value'],
  ['request', 'postData'],
  ['request', 'postData', 'text'],
  ['request', 'postData', 'params'],
  ['request', 'postData', 'mimeType'],
  ['response', 'headers'],
  ['response', 'headers', 0, 'value'],
  ['response', 'content'],
  ['response', 'content', 'text'],
  ['response', 'content', 'encoding'],
  ['response', 'status'],
  ['response', 'redirectURL'],
  ['startedDateTime'],
  ['time'],
  ['_fromCache'],
] as const;

/** The model the auditor builds for a HAR, or the capture's error. */
function auditHar(har: unknown): { capture: CaptureResult; model: LifecycleModel } | undefined {
  const capture = captureHar(har);
  if ('error' in capture) return undefined;
  return { capture, model: auditCapture([capture], { now: 1_742_000_000 }).lifecycle };
}

/** Builds the model without `buildLifecycle`'s guard, so a throw anywhere inside fails the property. */
function unguarded(records: readonly TokenRecord[], exchanges: readonly ExchangeFacts[]) {
  const index = indexRequests(records, exchanges);
  const families = buildFamilies(index);
  return { uses: buildUses(index), families, events: buildEvents(index, families) };
}

function expectBounded(capture: CaptureResult, model: LifecycleModel): void {
  const exchanges = capture.exchanges?.length ?? 0;
  expect(model.uses.length).toBeLessThanOrEqual(capture.sightings.length);
  for (const list of [model.families, model.events, model.authorizations, model.discovery])
    expect(list.length).toBeLessThanOrEqual(exchanges);
  for (const family of model.families)
    expect(family.members.length).toBeLessThanOrEqual(capture.sightings.length);
  for (const event of model.events) expect(event.covers.length).toBeLessThanOrEqual(MAX_COVERS);
  expect(() => JSON.stringify(model)).not.toThrow();
}

describe('lifecycle properties', () => {
  it('a mutated lifecycle entry never makes capture or the model throw, and the model stays bounded', () => {
    fc.assert(
      fc.property(
        fc.nat(7),
        fc.constantFrom(...PATHS),
        fc.oneof(fc.anything(), fc.string(), fc.constant(null), fc.integer(), fc.array(fc.anything())),
        (which, path, value) => {
          const entries = lifecycleEntries();
          entries[which] = mutate(entries[which], path, value) as Record<string, unknown>;
          const audited = auditHar(makeHar(entries));
          if (!audited) return;
          const records = auditCapture([audited.capture]).tokens;
          unguarded(records, audited.capture.exchanges ?? []);
          expectBounded(audited.capture, audited.model);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary entries and arbitrary exchange facts never make the model throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything(), { maxLength: 6 }),
        fc.array(fc.anything(), { maxLength: 6 }),
        (entries, junk) => {
          const audited = auditHar(makeHar(entries));
          if (audited) expectBounded(audited.capture, audited.model);
          const records = audited ? auditCapture([audited.capture]).tokens : [];
          unguarded(records, junk as ExchangeFacts[]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exchange facts with fields of any type never make the model throw', () => {
    const kinds = ['authorize', 'token', 'logout', 'revocation', 'discovery', 'callback', 'use', 'other'];
    const odd = fc.oneof(fc.string(), fc.anything(), fc.constant(undefined));
    const facts = fc.record({
      requestId: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7'),
      wwwAuthenticate: odd,
      oauthError: odd,
      preflight: odd,
      fromCache: odd,
      kind: fc.constantFrom(...kinds),
      method: odd,
      url: fc.oneof(fc.constantFrom(`${OP}/logout?id_token_hint=x`, `${APP}/cb?code=C&state=s`), odd),
      status: fc.oneof(fc.integer({ min: -1, max: 600 }), odd),
      startedAt: fc.oneof(fc.constant(at(1)), odd),
      location: odd,
      code: odd,
      returnedState: odd,
      grantType: fc.oneof(fc.constantFrom('refresh_token', 'authorization_code'), odd),
      authorization: fc.oneof(fc.record({ state: odd, redirectUri: odd }), odd),
      expiresIn: odd,
    });
    const audited = auditHar(makeHar(lifecycleEntries()));
    if (!audited) throw new Error('not captured');
    const records = auditCapture([audited.capture]).tokens;
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 8 }), (list) => {
        unguarded(records, list as unknown as ExchangeFacts[]);
      }),
      { numRuns: 300 },
    );
  });

  it('a long refresh chain and many logouts stay linear: covers are capped per event', () => {
    const entries: Record<string, unknown>[] = [];
    let previous = 'rt-start-Zx8Qp2Lm4Nv6Bc0';
    entries.push(makeEntry(tokenResponse(0, 'grant_type=password', { refresh_token: previous })));
    for (let i = 1; i <= 400; i++) {
      const next = `rt-${String(i).padStart(5, '0')}-Zx8Qp2Lm4Nv6Bc`;
      entries.push(
        makeEntry(
          tokenResponse(i, `grant_type=refresh_token&refresh_token=${previous}`, { refresh_token: next }),
        ),
      );
      previous = next;
    }
    for (let i = 0; i < 50; i++)
      entries.push(
        makeEntry({
          method: 'POST',
          url: `${OP}/revoke`,
          startedDateTime: at(1000 + i),
          postData: form('token=rt-start-Zx8Qp2Lm4Nv6Bc0&token_type_hint=refresh_token'),
        }),
      );
    const audited = auditHar(makeHar(entries));
    if (!audited) throw new Error('not captured');
    expect(audited.model.families).toHaveLength(401);
    expect(audited.model.families[400]?.parent).toBe('f400');
    expect(audited.model.events).toHaveLength(50);
    for (const event of audited.model.events) expect(event.covers).toHaveLength(MAX_COVERS);
    expectBounded(audited.capture, audited.model);
  });

  it('the default policy allows a minute of skew', () => {
    expect(DEFAULT_POLICY.clockSkewSeconds).toBe(60);
  });
});
