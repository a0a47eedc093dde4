import { normalizeClaimName } from './claim-name';
import { memoByName } from './name-memo';
import { vendorClaimAt } from './vendor-claims';
import type { JsonLeaf } from './walk-json';

/**
 * How sure the match is. `certain`: the value's shape proves a secret, or a credential name holds a value
 * that can be that credential. `possible`: a long random-looking value under a key- or token-like name,
 * which an opaque identifier or handle also is; the rule reports it below `high` and says so.
 */
export type SecretConfidence = 'certain' | 'possible';

/** A secret-like value in a claims tree. */
export interface SecretMatch {
  path: string;
  /** Why it looks secret: `credential by claim name`, `bcrypt password hash`, `PEM private key`… */
  kind: string;
  value: string;
  confidence: SecretConfidence;
}

/** Value shapes that are secrets whatever the claim is called, with the characters they can start with. */
const SHAPES: readonly [starts: string, shape: RegExp, kind: string][] = [
  ['$', /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, 'bcrypt password hash'],
  ['$', /^\$argon2(?:id|i|d)\$/, 'Argon2 password hash'],
  ['$', /^\$[56]\$[^$]{1,32}\$?[./A-Za-z0-9]{43,86}$/, 'SHA-crypt password hash'],
  ['pPsS', /^(?:pbkdf2|scrypt)[_$:]/i, 'password hash'],
  // Live and test secret and restricted keys; `pk_` publishable keys are public by design
  // (docs.stripe.com/keys).
  ['sr', /^[sr]k_(?:live|test)_[0-9A-Za-z]{10,}$/, 'Stripe secret API key'],
  // ghp_ personal, gho_ OAuth, ghu_/ghs_ GitHub App, ghr_ refresh, github_pat_ fine-grained
  // (github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available).
  ['g', /^(?:gh[pousr]_[0-9A-Za-z]{36,251}|github_pat_\w{22,})$/, 'GitHub access token'],
  ['x', /^xox[abpors]-[0-9A-Za-z-]{10,}$/, 'Slack token'],
  ['g', /^glpat-[\w-]{20,}$/, 'GitLab personal access token'],
  ['n', /^npm_[0-9A-Za-z]{36}$/, 'npm access token'],
  ['S', /^SG\.[\w-]{22}\.[\w-]{43}$/, 'SendGrid API key'],
  ['s', /^sk-(?:proj-|ant-[a-z0-9]+-)?[\w-]{32,}$/, 'OpenAI/Anthropic-style secret API key'],
  // RFC 6238 provisioning URIs (Google Authenticator "Key Uri Format") carry the TOTP seed in `secret=`.
  ['oO', /^otpauth:\/\/[th]otp\/.*[?&]secret=/i, 'TOTP seed (otpauth URI)'],
];

/** `SHAPES` by first character: a value is tried against the few that can match it, most against none. */
const SHAPES_BY_START = new Map<number, [RegExp, string][]>();
const NO_SHAPES: [RegExp, string][] = [];
for (const [starts, shape, kind] of SHAPES) {
  for (const c of starts) {
    const code = c.charCodeAt(0);
    SHAPES_BY_START.set(code, [...(SHAPES_BY_START.get(code) ?? []), [shape, kind]]);
  }
}
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
/** RFC 3986 §3.2.1: "user:password" in userinfo is deprecated precisely because it leaks the password. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]+:[^\s/?#@]+@/i;

/** Names that say "this is a credential" (normalised: lower case, no separators). */
const SECRET_NAME =
  /password|passwd|passphrase|pwd|clientsecret|apikey|privatekey|secretkey|secretaccesskey|totp|otpseed|otpsecret|mfasecret|refreshtoken|secret$|^pass$|^pin$/;
/**
 * Names that mention a credential but hold metadata about it (`password_changed_at`, `totp_enabled`,
 * `pwd_exp`, `pwd_url`), or name an identifier of one (`private_key_id`, `secret_name`).
 */
const METADATA_NAME =
  /changed|expir|exp$|lastset|reset|updated|policy|required|enabled|length|hint|question|strength|age$|at$|time|date|type|count|set$|keyid$|name$|url$|uri$/;
/** Names under which a long random-looking string is probably a key or a bearer credential. */
const KEYISH_NAME = /(key|token|secret|seed|credentials?)$/;
/**
 * Key- or token-like names that hold no credential: public keys, key ids, Stripe's publishable keys
 * (docs.stripe.com/keys), database and cache keys, idempotency keys and pagination cursors.
 */
const NOT_KEYISH =
  /public|publishable|keyid|^kid$|idempotency|^(?:cache|partition|sort|primary|foreign|routing)key$|^(?:nextpage|page|continuation)token$/;
/**
 * Anti-forgery (CSRF/XSRF) tokens: the synchronizer and double-submit patterns hand them to the page on
 * purpose (OWASP CSRF Prevention Cheat Sheet), so one inside a session token tells its holder nothing new.
 * `_csrf`, `csrf_token`, `XSRF-TOKEN`, Django's `csrfmiddlewaretoken`, ASP.NET's `__RequestVerificationToken`.
 */
const ANTI_FORGERY_NAME =
  /^x?(?:csrf|xsrf|anticsrf|antiforgery|requestverification)(?:middleware)?(?:token|key|secret|value)?$/;
/** Values that stand in for a removed secret. */
const PLACEHOLDER = /^(\*+|x+|•+|redacted|hidden|null|none|undefined|<[^>]*>|\[[^\]]*\])$/i;
const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
/** Under a credential name, a value of these shapes is what the claim is about, not the credential. */
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLAIN_URL = /^https?:\/\/[^/@\s]+(?:[/?#][^@\s]*)?$/i;
/** Members of a JWK that hold private or symmetric key material (RFC 7517 §4, RFC 7518 §6.3.2, §6.4). */
export const JWK_PRIVATE_MEMBER: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);

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
  /** An anti-forgery token, client-visible by design. */
  antiForgery: boolean;
}

/** What the claim name says, worked out once per distinct name. */
const factsOf = memoByName((key): NameFacts => {
  const name = normalizeClaimName(key);
  const antiForgery = ANTI_FORGERY_NAME.test(name);
  return {
    credential: !antiForgery && SECRET_NAME.test(name) && !METADATA_NAME.test(name),
    keyish: !antiForgery && KEYISH_NAME.test(name) && !NOT_KEYISH.test(name),
    antiForgery,
  };
});

function byName(facts: NameFacts, value: string): string | undefined {
  if (!facts.credential || EMAIL_VALUE.test(value) || PLAIN_URL.test(value)) return undefined;
  if (HEX_HASH.test(value)) return 'hex hash under a credential name (password hash?)';
  return 'credential by claim name';
}

function byShape(value: string): string | undefined {
  for (const [shape, kind] of SHAPES_BY_START.get(value.charCodeAt(0)) ?? NO_SHAPES) {
    if (shape.test(value)) return kind;
  }
  if (value.includes('-----BEGIN') && PEM_PRIVATE_KEY.test(value)) return 'PEM private key';
  // A password in a URL needs an "@": e-mail addresses have one, plain URLs (`iss`, `picture`…) none.
  if (value.includes('@') && URL_WITH_PASSWORD.test(value)) return 'password in a URL (user:password@host)';
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

/** Paths of objects that are JWKs (have a string `kty`): their `d`, `k`… members are key material. */
function jwkPaths(leaves: readonly JsonLeaf[]): Set<string> | undefined {
  let paths: Set<string> | undefined;
  for (const leaf of leaves) {
    if (leaf.key !== 'kty' || typeof leaf.value !== 'string') continue;
    paths ??= new Set();
    paths.add(parentPath(leaf));
  }
  return paths;
}

/** `cnf.jwk.d` → `cnf.jwk`; a top-level member's parent is the root, `''`. */
function parentPath(leaf: JsonLeaf): string {
  if (leaf.path === leaf.key) return '';
  return leaf.path.endsWith(`.${leaf.key}`) ? leaf.path.slice(0, -leaf.key.length - 1) : leaf.path;
}

function isJwkKeyMaterial(leaf: JsonLeaf, jwks: Set<string> | undefined): boolean {
  return jwks !== undefined && JWK_PRIVATE_MEMBER.has(leaf.key) && jwks.has(parentPath(leaf));
}

/**
 * What a claim name or the value's entropy suggests, unless the name marks an anti-forgery token or the
 * issuer documents the claim as an identifier, digest or metadata (see `vendor-claims`).
 */
function bySuspicion(leaf: JsonLeaf, value: string): Omit<SecretMatch, 'path' | 'value'> | undefined {
  const facts = factsOf(leaf.key);
  if (facts.antiForgery) return undefined;
  const named = byName(facts, value);
  const random = named ? undefined : byEntropy(facts, value);
  if (!named && !random) return undefined;
  if (vendorClaimAt(leaf.path)) return undefined;
  return named ? { kind: named, confidence: 'certain' } : { kind: random as string, confidence: 'possible' };
}

/**
 * Secret-like string leaves: by value shape (PEM private keys, private or symmetric JWK members,
 * bcrypt/Argon2/SHA-crypt hashes, prefixed API keys, TOTP provisioning URIs), by credential name
 * (password, client_secret, api_key, private_key, TOTP seeds, refresh tokens) and, as `possible` only,
 * long high-entropy strings under key- or token-like names. Placeholders such as `***`, anti-forgery
 * tokens and claims an issuer documents as identifiers (`firebase.identities`, `pwd_url`…) are left out.
 */
export function findSecrets(leaves: readonly JsonLeaf[]): SecretMatch[] {
  const out: SecretMatch[] = [];
  const jwks = jwkPaths(leaves);
  for (const leaf of leaves) {
    if (typeof leaf.value !== 'string') continue;
    const value = leaf.value.trim();
    if (value === '' || isPlaceholder(value)) continue;
    const shape = isJwkKeyMaterial(leaf, jwks) ? 'private or symmetric key member of a JWK' : byShape(value);
    const found = shape ? { kind: shape, confidence: 'certain' as const } : bySuspicion(leaf, value);
    if (found) out.push({ path: leaf.path, value: leaf.value, ...found });
  }
  return out;
}
