/**
 * A hand-built lifecycle over a real capture, for the Timeline and detail tests. The tokens and sightings
 * come from capture and audit as in the panel; `lifecycle` (and one lifecycle finding) are written by hand
 * and follow `src/core/lifecycle/types.ts` exactly, so these tests do not wait for the real model.
 */
import { auditCapture } from '../../src/core/audit';
import { captureHar } from '../../src/core/capture';
import type { LifecycleModel, ServerVerdict, TokenUse } from '../../src/core/lifecycle/types';
import type { AuditResult, Finding, TokenRecord } from '../../src/core/types';
import { makeEntry, makeHar, makeToken, NOW } from './fixtures';

/** The flow starts an hour before NOW. */
export const T0 = NOW - 3600;
const ISS = 'https://issuer.example.test';
const at = (s: number) => new Date((T0 + s) * 1000).toISOString();

export const texts = {
  access1: makeToken({ iss: ISS, sub: 'alice', aud: 'api', iat: T0, exp: T0 + 900 }),
  id1: makeToken({ iss: ISS, sub: 'alice', aud: 'client', iat: T0, exp: T0 + 900, nonce: 'n' }),
  refresh1: makeToken({ iss: ISS, sub: 'alice', iat: T0, exp: T0 + 30 * 86400, typ: 'refresh' }),
  access2: makeToken({ iss: ISS, sub: 'alice', aud: 'api', iat: T0 + 600, exp: T0 + 1500 }),
  refresh2: makeToken({ iss: ISS, sub: 'alice', iat: T0 + 600, exp: T0 + 30 * 86400, typ: 'refresh' }),
  loose: makeToken({
    iss: 'https://other.example.test',
    sub: 'bob',
    aud: 'x',
    iat: T0 + 250,
    exp: T0 + 2000,
  }),
};

const tokenResponse = (s: number, body: Record<string, string>) =>
  makeEntry({ method: 'POST', url: `${ISS}/token`, startedAt: at(s), responseJson: body });
const use = (s: number, bearer: string, status = 200) =>
  makeEntry({ url: 'https://api.example.test/v1/me', bearer, status, startedAt: at(s) });

const ENTRIES = [
  tokenResponse(0, { access_token: texts.access1, id_token: texts.id1, refresh_token: texts.refresh1 }),
  use(60, texts.access1),
  use(120, texts.access1, 401),
  use(180, texts.access1, 503),
  use(300, texts.loose),
  tokenResponse(600, { access_token: texts.access2, refresh_token: texts.refresh2 }),
  use(720, texts.access2),
];

export const VERDICTS: Record<string, ServerVerdict> = {
  '1': { verdict: 'accepted', reason: 'HTTP 200' },
  '2': {
    verdict: 'rejected',
    reason: 'HTTP 401 invalid_token',
    error: 'invalid_token',
    errorDescription: '<b>The access token expired</b>',
  },
  '3': { verdict: 'unknown', reason: 'HTTP 503' },
  '4': { verdict: 'accepted', reason: 'HTTP 200' },
  '6': { verdict: 'accepted', reason: 'HTTP 200' },
};

function fp(result: AuditResult, text: string): string {
  const record = result.tokens.find((r) => r.token.text === text);
  if (!record) throw new Error('fixture token not captured');
  return record.token.fingerprint;
}

/** Uses: every Authorization-header sighting, with the verdict of its entry (request ids are entry indices). */
function usesOf(tokens: readonly TokenRecord[]): TokenUse[] {
  return tokens
    .flatMap((r) => r.sightings.map((s) => ({ r, s })))
    .filter(({ s }) => s.where === 'request-header')
    .map(({ r, s }) => ({
      sightingId: s.id,
      fingerprint: r.token.fingerprint,
      requestId: s.requestId,
      at: s.startedAt,
      service: 'api.example.test/v1',
      verdict: VERDICTS[s.id.split(':')[0] ?? ''] ?? { verdict: 'unknown', reason: 'no response' },
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

export interface LifecycleFixture {
  result: AuditResult;
  fps: Record<keyof typeof texts, string>;
  /** The hand-built finding on the use after logout. */
  finding: Finding;
}

/** The capture audited, with its lifecycle written by hand: two families (f2 refreshed from f1), a logout. */
export function lifecycleFixture(): LifecycleFixture {
  const capture = captureHar(makeHar(ENTRIES));
  if ('error' in capture) throw new Error(capture.error);
  const base = auditCapture([capture], { now: NOW });
  const fps = Object.fromEntries(
    Object.entries(texts).map(([k, t]) => [k, fp(base, t)]),
  ) as LifecycleFixture['fps'];
  const uses = usesOf(base.tokens);
  const lifecycle: LifecycleModel = {
    uses,
    families: [
      {
        id: 'f1',
        issuedBy: '0',
        issuedAt: at(0),
        grantType: 'authorization_code',
        members: [
          { fingerprint: fps.access1, role: 'access' },
          { fingerprint: fps.id1, role: 'id' },
          { fingerprint: fps.refresh1, role: 'refresh' },
        ],
        expiresIn: 900,
      },
      {
        id: 'f2',
        issuedBy: '5',
        issuedAt: at(600),
        grantType: 'refresh_token',
        members: [
          { fingerprint: fps.access2, role: 'access' },
          { fingerprint: fps.refresh2, role: 'refresh' },
        ],
        parent: 'f1',
        refreshedWith: fps.refresh1,
      },
    ],
    events: [
      {
        kind: 'logout',
        requestId: '99',
        at: at(660),
        how: 'RP-initiated logout (id_token_hint)',
        succeeded: true,
        origin: ISS,
        covers: [fps.access2, fps.refresh2],
      },
    ],
    authorizations: [],
    discovery: [],
    skewSeconds: 60,
  };
  const lateUse = uses.find((u) => u.fingerprint === fps.access2);
  const finding: Finding = {
    ruleId: 'token-accepted-after-logout',
    severity: 'high',
    title: 'Token accepted after logout',
    why: 'A logout that does not end the session leaves stolen tokens usable.',
    detail: 'Accepted by api.example.test/v1 after the logout at the issuer.',
    evidence: [],
    references: [],
    fingerprint: fps.access2,
    sightingIds: lateUse ? [lateUse.sightingId] : [],
  };
  return { result: { ...base, lifecycle, findings: [finding, ...base.findings] }, fps, finding };
}
