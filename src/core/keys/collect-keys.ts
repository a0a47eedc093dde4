import { keyDocumentKey, normalizeUrl } from '../capture/key-documents';
import type { KeyDocument } from '../types';
import { parseJwks } from './parse-jwks';
import type { KeyParseResult, KnownKey } from './types';

/** Key documents read from one capture at most (each distinct URL once). */
export const MAX_KEY_DOCUMENTS = 200;

function stringMember(json: unknown, name: string): string | undefined {
  const value =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * OpenID Connect Discovery §4.3: the configuration lives at `issuer` + `/.well-known/openid-configuration`.
 * A document served elsewhere may be a copy or a fake, so it does not vouch for the issuer's keys.
 */
function servedByIssuer(issuer: string, documentUrl: string): boolean {
  const expected = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  return normalizeUrl(documentUrl).split('?')[0] === normalizeUrl(expected);
}

/** `jwks_uri` (normalised) → issuer, from the discovery documents that are where their issuer says. */
function issuersByJwksUri(documents: readonly KeyDocument[], problems: Set<string>): Map<string, string> {
  const byUri = new Map<string, string>();
  for (const doc of documents) {
    if (doc.kind !== 'openid-configuration') continue;
    const issuer = stringMember(doc.json, 'issuer');
    const jwksUri = stringMember(doc.json, 'jwks_uri');
    if (issuer === undefined || jwksUri === undefined) {
      problems.add(`discovery document ${doc.url}: "issuer" and "jwks_uri" must both be strings`);
    } else if (!servedByIssuer(issuer, doc.url)) {
      problems.add(
        `discovery document ${doc.url}: names issuer ${issuer} but is not served from it (OpenID Connect Discovery §4.3); its jwks_uri is not tied to that issuer`,
      );
    } else byUri.set(normalizeUrl(jwksUri), issuer);
  }
  return byUri;
}

/**
 * Key sets with identical URL and content read once. Different versions of one URL are all kept: keys
 * before and after a rotation both signed tokens in the capture.
 */
function distinctKeySets(documents: readonly KeyDocument[]): KeyDocument[] {
  const byContent = new Map<string, KeyDocument>();
  for (const doc of documents) {
    if (doc.kind === 'jwks') byContent.set(keyDocumentKey(doc), doc);
  }
  return [...byContent.values()].slice(0, MAX_KEY_DOCUMENTS);
}

/**
 * Reads every key set seen in the capture and ties each to an issuer when a discovery document seen in the
 * same capture names its URL as `jwks_uri`. Nothing is fetched. Duplicate keys (the same set fetched twice)
 * are kept once; problems are one line each, deduplicated.
 */
export async function collectTrafficKeys(documents: readonly KeyDocument[]): Promise<KeyParseResult> {
  const problems = new Set<string>();
  const issuers = issuersByJwksUri(documents, problems);
  const sets = distinctKeySets(documents);
  const parsed = await Promise.all(
    sets.map((doc) => {
      const issuer = issuers.get(normalizeUrl(doc.url));
      const source = { origin: 'traffic' as const, where: doc.url, requestId: doc.requestId };
      return parseJwks(doc.json, issuer === undefined ? source : { ...source, issuer });
    }),
  );
  const keys = new Map<string, KnownKey>();
  for (const result of parsed) {
    for (const line of result.problems) problems.add(line);
    for (const key of result.keys) {
      const id = `${key.thumbprint} ${normalizeUrl(key.source.where)} ${key.kid ?? ''}`;
      if (!keys.has(id)) keys.set(id, key);
    }
  }
  return { keys: [...keys.values()], problems: [...problems] };
}
