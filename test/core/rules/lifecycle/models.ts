import { emptyLifecycle } from '../../../../src/core/lifecycle';
import type {
  ExchangeFacts,
  FamilyRole,
  LifecycleEvent,
  LifecycleModel,
  ServerVerdict,
  TokenFamily,
  TokenUse,
} from '../../../../src/core/lifecycle/types';
import type { CaptureHit, Sighting, TokenRecord } from '../../../../src/core/types';
import { record, sighting, TEST_POLICY, token } from '../context/records';

export { record, sighting, TEST_POLICY, token };

/** Epoch seconds of 2025-03-14T09:00:00Z, the base time of these models. */
export const T0 = Date.parse('2025-03-14T09:00:00Z') / 1000;

/** ISO time `seconds` after T0. */
export function at(seconds: number): string {
  return new Date((T0 + seconds) * 1000).toISOString();
}

export const OK: ServerVerdict = { verdict: 'accepted', reason: 'HTTP 200' };
export const UNAUTHORIZED: ServerVerdict = {
  verdict: 'rejected',
  reason: 'HTTP 401 invalid_token',
  error: 'invalid_token',
};

/**
 * A record presented once per entry of `times` (seconds after T0) to `url`, each answered `status`, and
 * the matching uses with `verdict`. Sighting and use share ids, as the model builder makes them.
 */
export function presented(
  rec: TokenRecord,
  times: readonly number[],
  verdict: ServerVerdict = OK,
  url = 'https://api.example.test/v1/orders',
  over: Partial<Sighting> = {},
): TokenUse[] {
  return times.map((t) => {
    const s = sighting({ url, startedAt: at(t), tokenText: rec.token.text, ...over });
    rec.sightings.push(s);
    const { host, pathname } = new URL(url);
    return {
      sightingId: s.id,
      fingerprint: rec.token.fingerprint,
      requestId: s.requestId,
      at: s.startedAt,
      service: `${host}/${pathname.split('/')[1] ?? ''}`,
      verdict,
    };
  });
}

/** A token family issued by one token response at `seconds` after T0. */
export function family(
  id: string,
  members: [TokenRecord, FamilyRole][],
  over: Partial<TokenFamily> = {},
  seconds = 0,
): TokenFamily {
  return {
    id,
    issuedBy: `token-${id}`,
    issuedAt: at(seconds),
    grantType: 'authorization_code',
    members: members.map(([rec, role]) => ({ fingerprint: rec.token.fingerprint, role })),
    ...over,
  };
}

/** A successful logout (or revocation) at `seconds` after T0 covering `covered`. */
export function logout(
  seconds: number,
  covered: TokenRecord[],
  over: Partial<LifecycleEvent> = {},
): LifecycleEvent {
  return {
    kind: 'logout',
    requestId: `logout-${seconds}`,
    at: at(seconds),
    how: 'RP-initiated logout (id_token_hint)',
    succeeded: true,
    origin: 'https://op.example.test',
    covers: covered.map((r) => r.token.fingerprint),
    ...over,
  };
}

/** An authorization request at T0 with its parameters and the code that came back. */
export function authorization(requestId: string, nonce?: string, code?: string): ExchangeFacts {
  return {
    requestId,
    kind: 'authorize',
    method: 'GET',
    url: 'https://op.example.test/authorize?client_id=…',
    status: 302,
    startedAt: at(0),
    authorization: { clientId: 'spa', responseType: 'code', ...(nonce ? { nonce } : {}) },
    ...(code ? { code } : {}),
  };
}

/** A model with its uses sorted by time, as `buildLifecycle` lists them. */
export function model(over: Partial<LifecycleModel> = {}): LifecycleModel {
  const m = { ...emptyLifecycle(60), ...over };
  m.uses = [...m.uses].sort((a, b) => a.at.localeCompare(b.at));
  return m;
}

export function ruleIds(hits: readonly CaptureHit[]): string[] {
  return hits.map((h) => h.ruleId);
}
