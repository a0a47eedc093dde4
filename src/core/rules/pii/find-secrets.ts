import { normalizeClaimName } from './claim-name';
import { memoByName } from './name-memo';
import type { JsonLeaf } from './walk-json';

/** A secret-like value in a claims tree. */
export interface SecretMatch {
  path: string;
  /** Why it looks secret: `password (claim name)`, `bcrypt password hash`, `PEM private key`… */
  kind: string;
  value: string;
}

/** Value shapes that are secrets whatever the claim is called. */
const SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'PEM private key'],
  [/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, 'bcrypt password hash'],
  [/^\$argon2(?:id|i|d)\$/, 'Argon2 password hash'],
  [/^\$[56]\$[^$]{1,32}\$?[./A-Za-z0-9]{43,86}$/, 'SHA-crypt password hash'],
  [/^(?:pbkdf2|scrypt)[_$:]/i, 'password hash'],
];

/** Names that say "this is a credential" (normalised: lower case, no separators). */
const SECRET_NAME =
  /password|passwd|passphrase|pwd|clientsecret|apikey|privatekey|secretkey|secretaccesskey|totp|otpseed|otpsecret|mfasecret|refreshtoken|secret$|^pass$|^pin$/;
/** Names that mention a credential but hold metadata about it (`password_changed_at`, `totp_enabled`). */
const METADATA_NAME =
  /changed|expir|lastset|reset|updated|policy|required|enabled|length|hint|question|strength|age$|at$|time|date|type|count|set$/;
/** Names under which a long random-looking string is probably a key or a bearer credential. */
const KEYISH_NAME = /(key|token|secret|seed|credentials?)$/;
const NOT_KEYISH = /public|keyid|^kid$/;
/** Values that stand in for a removed secret. */
const PLACEHOLDER = /^(\*+|x+|•+|redacted|hidden|null|none|undefined|<[^>]*>|\[[^\]]*\])$/i;
const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;

/** Shannon entropy in bits per character. */
export function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** What the secret checks need to know about a claim name, worked out once per distinct name. */
interface NameFacts {
  /** A credential name (`password`, `client_secret`…) that is not metadata about one. */
  credential: boolean;
  /** A key- or token-like name under which a long high-entropy value is probably a secret. */
  keyish: boolean;
}

/** What the claim name says, worked out once per distinct name. */
const factsOf = memoByName((key): NameFacts => {
  const name = normalizeClaimName(key);
  return {
    credential: SECRET_NAME.test(name) && !METADATA_NAME.test(name),
    keyish: KEYISH_NAME.test(name) && !NOT_KEYISH.test(name),
  };
});

function byName(facts: NameFacts, value: string): string | undefined {
  if (!facts.credential) return undefined;
  if (HEX_HASH.test(value)) return 'hex hash under a credential name (password hash?)';
  return 'credential by claim name';
}

function byShape(value: string): string | undefined {
  // Every shape starts with "$", a KDF name, or holds a PEM armour line: skip the regexes otherwise.
  const first = value.charCodeAt(0);
  if (
    first !== 0x24 &&
    first !== 0x70 &&
    first !== 0x50 &&
    first !== 0x73 &&
    first !== 0x53 &&
    !value.includes('-----BEGIN')
  ) {
    return undefined;
  }
  for (const [shape, kind] of SHAPES) if (shape.test(value)) return kind;
  return undefined;
}

function byEntropy(facts: NameFacts, value: string): string | undefined {
  if (!facts.keyish || value.length < 20) return undefined;
  return entropyPerChar(value) >= 3.5 ? 'high-entropy value under a key/token-like claim name' : undefined;
}

/** First characters a `PLACEHOLDER` can start with (it is case-insensitive): most values skip the regex. */
const PLACEHOLDER_START = new Set([...'*xX•rRhHnNuU<['].map((c) => c.charCodeAt(0)));

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_START.has(value.charCodeAt(0)) && PLACEHOLDER.test(value);
}

/**
 * Secret-like string leaves: credentials by claim name (password, client_secret, api_key, private_key,
 * TOTP seeds, refresh tokens), and by value shape (PEM private keys, bcrypt/Argon2/SHA-crypt hashes,
 * long high-entropy strings under key- or token-like names). Placeholders such as `***` are ignored.
 */
export function findSecrets(leaves: readonly JsonLeaf[]): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const leaf of leaves) {
    if (typeof leaf.value !== 'string') continue;
    const value = leaf.value.trim();
    if (value === '' || isPlaceholder(value)) continue;
    const facts = factsOf(leaf.key);
    const kind = byShape(value) ?? byName(facts, value) ?? byEntropy(facts, value);
    if (kind) out.push({ path: leaf.path, kind, value: leaf.value });
  }
  return out;
}
