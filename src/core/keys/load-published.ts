import { checkJwk } from './jwk-check';
import { rsaBitsOf } from './known-key';
import { PUBLISHED_KEYS } from './published-keys';
import { jwkThumbprint } from './thumbprint';
import type { KnownKey } from './types';

let loaded: KnownKey[] | undefined;

/**
 * The published example keys as known keys. Unlike keys from traffic or the auditor, they are not
 * imported through WebCrypto to be validated: the data is ours, and test/core/keys/published-keys.test.ts
 * verifies each source's example signature with them. So this is synchronous and costs a millisecond,
 * where importing them took the CLI's main thread some twenty.
 */
function loadAll(): KnownKey[] {
  const keys: KnownKey[] = [];
  for (const published of PUBLISHED_KEYS) {
    const checked = checkJwk({ ...published.jwk, ...(published.kid ? { kid: published.kid } : {}) });
    if (!checked.ok) continue;
    const key: KnownKey = {
      jwk: checked.jwk,
      original: checked.original,
      thumbprint: jwkThumbprint(checked.jwk),
      source: { origin: 'published', where: published.reference },
    };
    // The same members, in the same order, as `createKnownKey` gives other keys.
    if (checked.kid !== undefined) key.kid = checked.kid;
    if (checked.alg !== undefined) key.alg = checked.alg;
    if (checked.use !== undefined) key.use = checked.use;
    if (checked.keyOps !== undefined) key.keyOps = checked.keyOps;
    if (checked.jwk.kty === 'RSA') key.rsaBits = rsaBitsOf(checked.jwk.n);
    key.label = published.label;
    keys.push(key);
  }
  return keys;
}

/** The published example keys as known keys, built once per process (or worker). */
export function publishedKeys(): KnownKey[] {
  loaded ??= loadAll();
  return loaded;
}

/** `publishedKeys()`, as a promise (the keys used to be imported asynchronously). */
export function loadPublishedKeys(): Promise<KnownKey[]> {
  return Promise.resolve(publishedKeys());
}
