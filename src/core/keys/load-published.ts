import { checkJwk } from './jwk-check';
import { createKnownKey } from './known-key';
import { PUBLISHED_KEYS } from './published-keys';
import type { KnownKey } from './types';

let loaded: Promise<KnownKey[]> | undefined;

async function loadAll(): Promise<KnownKey[]> {
  const keys: KnownKey[] = [];
  for (const published of PUBLISHED_KEYS) {
    const checked = checkJwk({ ...published.jwk, ...(published.kid ? { kid: published.kid } : {}) });
    if (!checked.ok) continue;
    const key = await createKnownKey(
      checked,
      { origin: 'published', where: published.reference },
      published.label,
    );
    // The data is ours and tested; a key that fails here would be a bug caught by the published-keys test.
    if (typeof key !== 'string') keys.push(key);
  }
  return keys;
}

/** The published example keys as known keys, imported once per process (or worker). */
export function loadPublishedKeys(): Promise<KnownKey[]> {
  loaded ??= loadAll();
  return loaded;
}
