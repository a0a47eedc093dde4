import { isRecord } from '../capture/guards';
import type { AuthorizationParams, ExchangeFacts, ExchangeKind } from './types';

const KINDS: ReadonlySet<string> = new Set<ExchangeKind>([
  'authorize',
  'token',
  'logout',
  'revocation',
  'discovery',
  'callback',
  'use',
]);
const STRINGS = ['wwwAuthenticate', 'location', 'grantType', 'oauthError', 'code', 'returnedState'] as const;
const PARAMS = [
  'clientId',
  'responseType',
  'redirectUri',
  'scope',
  'state',
  'nonce',
  'codeChallengeMethod',
] as const;

/**
 * Exchange facts as the model may trust them: capture makes them well typed, but they also cross worker
 * boundaries and are built by hand. A record without a string `requestId` or a known `kind` is dropped
 * (`undefined`); optional fields of the wrong type are left out. Linear, one object per exchange.
 */
export function cleanFacts(raw: unknown): ExchangeFacts | undefined {
  if (
    !isRecord(raw) ||
    typeof raw.requestId !== 'string' ||
    typeof raw.kind !== 'string' ||
    !KINDS.has(raw.kind)
  )
    return undefined;
  const facts: ExchangeFacts = {
    requestId: raw.requestId,
    kind: raw.kind as ExchangeKind,
    method: typeof raw.method === 'string' ? raw.method : '',
    url: typeof raw.url === 'string' ? raw.url : '',
    status: typeof raw.status === 'number' && Number.isFinite(raw.status) ? raw.status : 0,
    startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : '',
  };
  for (const key of STRINGS) if (typeof raw[key] === 'string') facts[key] = raw[key];
  if (raw.fromCache === true) facts.fromCache = true;
  if (raw.preflight === true) facts.preflight = true;
  if (typeof raw.expiresIn === 'number' && Number.isFinite(raw.expiresIn)) facts.expiresIn = raw.expiresIn;
  if (isRecord(raw.authorization)) facts.authorization = cleanParams(raw.authorization);
  return facts;
}

function cleanParams(raw: Record<string, unknown>): AuthorizationParams {
  const out: AuthorizationParams = {};
  for (const key of PARAMS) if (typeof raw[key] === 'string') out[key] = raw[key];
  return out;
}
