import { DEFAULT_POLICY } from '../../../../src/core/policy';
import type {
  JsonObject,
  ParsedToken,
  Policy,
  RuleContext,
  Sighting,
  TokenPurpose,
  TokenRecord,
} from '../../../../src/core/types';

/** A policy with every field filled; the context rules do not read it, but the signature needs one. */
export const TEST_POLICY: Policy = DEFAULT_POLICY;

let counter = 0;

/** A parsed token built by hand (no parser involved): kind, header and claims are what the rules read. */
export function token(
  claims: JsonObject | undefined = { sub: 'alice' },
  header: JsonObject = { alg: 'RS256' },
  kind: ParsedToken['kind'] = 'jws',
): ParsedToken {
  counter++;
  const t: ParsedToken = {
    text: `eyJ.test.${counter}`,
    fingerprint: `fp${String(counter).padStart(14, '0')}`,
    kind,
    segments: [],
    header,
    errors: kind === 'malformed' ? ['truncated'] : [],
    warnings: [],
  };
  if (claims) t.claims = claims;
  return t;
}

let sightingCounter = 0;

/** A sighting with sensible defaults: an https Bearer header answered 200. */
export function sighting(overrides: Partial<Sighting> = {}): Sighting {
  sightingCounter++;
  const url = overrides.url ?? 'https://api.example.test/orders';
  return {
    id: `${sightingCounter}:0`,
    tokenText: 'eyJ.test',
    where: 'request-header',
    name: 'Authorization',
    url,
    method: 'GET',
    status: 200,
    scheme: url.split(':')[0] ?? '',
    startedAt: '2025-03-14T09:00:00.000Z',
    requestId: String(sightingCounter),
    ...overrides,
  };
}

/** A token record. */
export function record(t: ParsedToken, sightings: Sighting[], purpose: TokenPurpose = 'access'): TokenRecord {
  return { token: t, sightings, purpose };
}

/** A rule context at a fixed time. */
export function ctx(r: TokenRecord, now = Date.parse('2025-03-14T09:00:00Z') / 1000): RuleContext {
  return { record: r, policy: TEST_POLICY, now };
}
