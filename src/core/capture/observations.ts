import type { ExchangeObservation } from '../types';
import { decodeBase64 } from './base64';
import type { EntryContext } from './sighting-sink';
import { parseUrlParts } from './url-parts';

/**
 * Names of fields that carry a password or a client secret. `pass`/`pwd` only as a whole word, so
 * `passenger` or `bypass_cache` do not count; `password`/`passwd`/`secret` anywhere (`newPassword`).
 */
const PASSWORD_NAME = /password|passwd|passphrase|secret|(?:^|[^a-z])(?:pass|pwd|pin)(?:$|[^a-z])/i;

/** True when a query, form or JSON field name looks like it holds a password or secret. */
export function isPasswordName(name: string): boolean {
  return PASSWORD_NAME.test(name);
}

/** Quick test on a whole body before parsing it for password fields. */
export function mayContainPassword(text: string): boolean {
  return PASSWORD_NAME.test(text);
}

/** A secret, masked: only its length survives. */
export function maskSecret(value: string): string {
  return `*** (${value.length} characters)`;
}

/** `alice@example.com` → `al***`: enough to tell accounts apart in a report, not to identify one. */
function maskUser(user: string): string {
  return user.length <= 2 ? '***' : `${user.slice(0, 2)}***`;
}

/** The URL with userinfo, query and fragment removed: observations are exported, the secret must not be. */
export function stripUrl(url: string): string {
  const parts = parseUrlParts(url);
  return parts.origin ? parts.origin + parts.path : '';
}

/** Builds an observation for one entry. */
export function createObservation(
  context: EntryContext,
  kind: ExchangeObservation['kind'],
  name: string,
  masked: string,
): ExchangeObservation {
  return {
    kind,
    requestId: context.requestId,
    url: stripUrl(context.url),
    scheme: context.scheme,
    name,
    masked,
    startedAt: context.startedAt,
  };
}

/** The masked form of an `Authorization: Basic …` value, or `undefined` when it is another scheme. */
export function maskBasicAuth(value: string): string | undefined {
  const match = /^\s*basic\s+(\S*)/i.exec(value);
  if (!match) return undefined;
  const bytes = decodeBase64(match[1] ?? '');
  const decoded = bytes ? new TextDecoder().decode(bytes) : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) return `Basic *** (${(match[1] ?? '').length} characters, not user:password)`;
  return `${maskUser(decoded.slice(0, colon))}:${maskSecret(decoded.slice(colon + 1))}`;
}
