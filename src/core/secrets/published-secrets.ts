/**
 * HMAC secrets printed in standards, library documentation and well-known tools. They are public test
 * vectors: a token whose MAC verifies with one of them can be minted by anyone (`key-publicly-known`).
 * Each entry says where it was published. JWK `k` values (RFCs) are tried both as the decoded key bytes,
 * which is what the standard means, and as the literal text, which is how they get pasted into configs.
 */
export interface PublishedSecret {
  /** Short display name, used instead of the masked secret in findings. */
  name: string;
  /** Where it was published. */
  source: string;
  /** The secret as UTF-8 text, or `{ jwkK }` for a base64url JWK `k` value. */
  secret: string | { jwkK: string };
}

const RFC7515_A1_K = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';

export const PUBLISHED_SECRETS: readonly PublishedSecret[] = [
  {
    name: 'RFC 7515 Appendix A.1 example key',
    source:
      'RFC 7515 Appendix A.1 (HS256 example; reused by RFC 7517 Appendix A.3, RFC 7519 §3.1, RFC 7797 §4)',
    secret: { jwkK: RFC7515_A1_K },
  },
  {
    name: 'RFC 7520 §3.5 example key',
    source: 'RFC 7520 §3.5 "Symmetric Key (MAC Computation)", used by the HS256 examples of §4.4–§4.7',
    secret: { jwkK: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' },
  },
  {
    name: 'RFC 7520 §3.6 example key',
    source: 'RFC 7520 §3.6 "Symmetric Key (Encryption)"',
    secret: { jwkK: 'AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8' },
  },
  {
    name: 'RFC 7517 Appendix A.3 AES key',
    source: 'RFC 7517 Appendix A.3 (A128KW example key, also RFC 7516 Appendix A.3)',
    secret: { jwkK: 'GawgguFyGrWKav7AX4VKUg' },
  },
  {
    name: 'RFC 4231 test key "Jefe"',
    source: 'RFC 4231 §4.3 (HMAC-SHA-2 test case 2; also RFC 2202)',
    secret: 'Jefe',
  },
  {
    name: 'jwt.io HS256 default',
    source: 'jwt.io debugger, default HS256 secret',
    secret: 'your-256-bit-secret',
  },
  {
    name: 'jwt.io HS384 default',
    source: 'jwt.io debugger, default HS384 secret',
    secret: 'your-384-bit-secret',
  },
  {
    name: 'jwt.io HS512 default',
    source: 'jwt.io debugger, default HS512 secret',
    secret: 'your-512-bit-secret',
  },
  // The redesigned debugger's defaults: github.com/jsonwebtoken/jsonwebtoken.github.io,
  // src/features/common/values/default-tokens.values.ts at d88e9709c6f463413280a7f39114523a313bdb35.
  {
    name: 'jwt.io default',
    source: 'jwt.io debugger (redesigned), default HS256 secret',
    secret: 'a-string-secret-at-least-256-bits-long',
  },
  {
    name: 'jwt.io HS384 default (redesigned)',
    source: 'jwt.io debugger (redesigned), default HS384 secret',
    secret: 'a-valid-string-secret-that-is-at-least-384-bits-long',
  },
  {
    name: 'jwt.io HS512 default (redesigned)',
    source: 'jwt.io debugger (redesigned), default HS512 secret',
    secret: 'a-valid-string-secret-that-is-at-least-512-bits-long-which-is-very-long',
  },
  { name: 'jsonwebtoken README secret', source: 'auth0/node-jsonwebtoken README examples', secret: 'shhhhh' },
  {
    name: 'express-session README secret',
    source: 'expressjs/session README examples',
    secret: 'keyboard cat',
  },
  {
    name: 'Flask-JWT-Extended example secret',
    source: 'Flask-JWT-Extended documentation examples',
    secret: 'super-secret',
  },
  {
    name: 'golang-jwt example key',
    source: 'golang-jwt/jwt (dgrijalva/jwt-go) example code',
    secret: 'AllYourBase',
  },
  { name: 'ruby-jwt README secret', source: 'jwt/ruby-jwt README examples', secret: 'my$ecretK3y' },
  {
    name: 'Supabase local development secret',
    source: 'Supabase CLI local development default (printed by `supabase start`)',
    secret: 'super-secret-jwt-token-with-at-least-32-characters-long',
  },
];

/** Decodes base64url (no padding) into bytes; the inputs here are constants, so no validation. */
function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Every published secret as candidate bytes, with the entry it came from (JWK keys twice: bytes, text). */
export function publishedCandidates(): { bytes: Uint8Array; entry: PublishedSecret }[] {
  const encoder = new TextEncoder();
  return PUBLISHED_SECRETS.flatMap((entry) =>
    typeof entry.secret === 'string'
      ? [{ bytes: encoder.encode(entry.secret), entry }]
      : [
          { bytes: fromBase64Url(entry.secret.jwkK), entry },
          { bytes: encoder.encode(entry.secret.jwkK), entry },
        ],
  );
}
