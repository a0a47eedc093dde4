/**
 * What each registered claim and header parameter means, shown beside the value in the detail view.
 * Sources: RFC 7519 §4.1 (claims), RFC 7515 §4.1 / RFC 7516 §4.1 (headers), OIDC Core §2 and §5.1,
 * RFC 9068 §2.2 (access tokens), RFC 8693 §4 (act, may_act), RFC 7800 (cnf).
 */
export const CLAIM_NOTES: Readonly<Record<string, string>> = {
  iss: 'Issuer: who created and signed the token (RFC 7519 §4.1.1).',
  sub: 'Subject: the user or client the token is about (RFC 7519 §4.1.2).',
  aud: 'Audience: the recipients that must accept the token; others must reject it (RFC 7519 §4.1.3).',
  exp: 'Expiration time: the token must not be accepted at or after this time (RFC 7519 §4.1.4).',
  nbf: 'Not before: the token must not be accepted before this time (RFC 7519 §4.1.5).',
  iat: 'Issued at: when the token was created (RFC 7519 §4.1.6).',
  jti: 'JWT ID: a unique identifier, used to detect replay and to revoke a single token (RFC 7519 §4.1.7).',
  azp: 'Authorized party: the client the ID token was issued to (OIDC Core §2).',
  nonce: 'Nonce: ties an ID token to the login request, against replay (OIDC Core §2).',
  auth_time: 'Authentication time: when the user last authenticated (OIDC Core §2).',
  acr: 'Authentication context class: how strongly the user was authenticated (OIDC Core §2).',
  amr: 'Authentication methods used, e.g. pwd, otp, mfa (OIDC Core §2, RFC 8176).',
  at_hash: 'Access token hash: binds an ID token to the access token issued with it (OIDC Core §3.1.3.6).',
  c_hash: 'Code hash: binds an ID token to the authorization code (OIDC Core §3.3.2.11).',
  sid: 'Session ID at the identity provider (OIDC Front-Channel Logout §3, Back-Channel Logout §2.4).',
  scope: 'Scopes granted to the client (RFC 9068 §2.2.3, RFC 8693 §4.2).',
  scp: 'Scopes granted to the client (non-standard spelling of scope).',
  client_id: 'The OAuth client the token was issued to (RFC 9068 §2.2, RFC 8693 §4.3).',
  cnf: 'Confirmation: the key the presenter must prove possession of (RFC 7800).',
  act: 'Actor: who is acting on behalf of the subject (token exchange, RFC 8693 §4.1).',
  may_act: 'Who may act on behalf of the subject (RFC 8693 §4.4).',
  roles: 'Roles of the subject: authorization data visible to anyone holding the token.',
  groups: 'Groups of the subject: authorization data visible to anyone holding the token.',
  name: 'Full name of the user: personal data (OIDC Core §5.1).',
  given_name: 'Given (first) name of the user: personal data (OIDC Core §5.1).',
  family_name: 'Family name (surname) of the user: personal data (OIDC Core §5.1).',
  middle_name: 'Middle name of the user: personal data (OIDC Core §5.1).',
  nickname: 'Casual name of the user: personal data (OIDC Core §5.1).',
  preferred_username: 'Short name the user goes by; not unique, not an identifier (OIDC Core §5.1, §5.7).',
  profile: 'URL of the user’s profile page: personal data (OIDC Core §5.1).',
  picture: 'URL of the user’s profile picture: personal data (OIDC Core §5.1).',
  website: 'URL of the user’s web page or blog: personal data (OIDC Core §5.1).',
  email: 'E-mail address of the user: personal data readable by anyone holding the token (OIDC Core §5.1).',
  email_verified:
    'Whether the provider verified that the user controls this e-mail address (OIDC Core §5.1).',
  gender: 'Gender of the user: personal data (OIDC Core §5.1).',
  birthdate: 'Birthday of the user, YYYY-MM-DD or YYYY: personal data (OIDC Core §5.1).',
  zoneinfo: 'Time zone of the user, e.g. Europe/Paris (OIDC Core §5.1).',
  locale: 'Locale of the user, e.g. en-US (OIDC Core §5.1).',
  phone_number: 'Telephone number of the user: personal data (OIDC Core §5.1).',
  phone_number_verified:
    'Whether the provider verified that the user controls this phone number (OIDC Core §5.1).',
  address: 'Postal address of the user (a JSON object): personal data (OIDC Core §5.1, §5.1.1).',
  updated_at: 'When the user’s information was last updated (OIDC Core §5.1).',
  events:
    'Security events the token reports, e.g. a back-channel logout (RFC 8417, OIDC Back-Channel Logout §2.4).',
  typ: 'Token type as a claim (non-standard in the payload; often "Bearer", "ID" or "Refresh").',
};

/** Header parameters (JOSE). */
export const HEADER_NOTES: Readonly<Record<string, string>> = {
  alg: 'Algorithm used to sign (JWS) or to encrypt the key (JWE) (RFC 7515 §4.1.1).',
  typ: 'Media type of the whole token, e.g. JWT or at+jwt (RFC 7515 §4.1.9, RFC 8725 §3.11).',
  cty: 'Content type of the payload; JWT means a nested token (RFC 7515 §4.1.10).',
  kid: 'Key ID: which key verifies the signature; never trust it as a path or query (RFC 7515 §4.1.4).',
  jku: 'URL of a key set to verify with: dangerous if the verifier fetches it (RFC 7515 §4.1.2).',
  jwk: 'The verification key embedded in the token itself: must never be trusted (RFC 7515 §4.1.3).',
  x5u: 'URL of an X.509 certificate chain (RFC 7515 §4.1.5).',
  x5c: 'X.509 certificate chain embedded in the token (RFC 7515 §4.1.6).',
  x5t: 'SHA-1 thumbprint of the certificate (RFC 7515 §4.1.7).',
  'x5t#S256': 'SHA-256 thumbprint of the certificate (RFC 7515 §4.1.8).',
  crit: 'Extensions the verifier must understand, or reject the token (RFC 7515 §4.1.11).',
  enc: 'Content encryption algorithm of a JWE (RFC 7516 §4.1.2).',
  zip: 'Compression of a JWE payload before encryption (RFC 7516 §4.1.3).',
  b64: 'false means the payload is not base64url-encoded (RFC 7797).',
};

/** Claims whose value is a NumericDate (seconds since the epoch), shown as local and ISO times. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat', 'auth_time', 'updated_at']);

/** The note for a claim, or `undefined` for a claim with no registered meaning. */
export function claimNote(name: string, part: 'header' | 'claims'): string | undefined {
  const notes = part === 'header' ? HEADER_NOTES : CLAIM_NOTES;
  return Object.hasOwn(notes, name) ? notes[name] : undefined;
}
