import { memoByName } from './name-memo';

/**
 * A claim name reduced for matching: the part after the last `/` or `:` of a namespaced claim
 * (`https://example.com/roles` → `roles`, `cognito:groups` → `groups`), lower-cased, without `_`, `-`,
 * spaces or dots. `client_secret`, `clientSecret` and `Client-Secret` all become `clientsecret`.
 */
// Claim names repeat across thousands of tokens; a bounded memo keeps rules cheap per token.
export const normalizeClaimName = memoByName((key: string): string => {
  const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf(':'));
  const tail = cut >= 0 && cut < key.length - 1 ? key.slice(cut + 1) : key;
  return tail.toLowerCase().replace(/[\s._-]/g, '');
});

/** The words of a claim name: `clientIpAddress` and `client_ip_address` → `client`, `ip`, `address`. */
export function claimNameWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
