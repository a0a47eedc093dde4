import type { RuleInfo } from '../../types';
import { apiTop10, asvs, cheatSheet, cwe, oidc, rfc } from '../token/catalog/refs';

/** Rules over the token lifecycle (issue 13): what the servers did with each token over the capture. */
export const LIFECYCLE_CATALOG: RuleInfo[] = [
  {
    id: 'token-accepted-after-logout',
    title: 'Token accepted after a logout or revocation that covered it',
    severity: 'high',
    why:
      'A logout or token revocation succeeded, and a request made later with a token it should have ended ' +
      '(the token named in it, or one of the tokens issued with it or refreshed from it) was still accepted. ' +
      'Logging out then protects nothing: whoever copied the token keeps using it until it expires. RFC 7009 ' +
      'makes a revoked token invalid; ASVS 7.4.1 asks that ending a session also end its self-contained ' +
      'tokens (a deny list, a per-user not-before time, short lifetimes). Judged at each request’s own time, ' +
      'with the clock skew allowed for requests already on their way; inferred from the answers, not proven.',
    references: [rfc(7009, '§2'), rfc(7009, '§2.2'), asvs('7.4.1'), rfc(9700, '§4.14'), cwe(613)],
    scope: 'capture',
  },
  {
    id: 'nbf-future-accepted',
    title: 'Token accepted before it was valid (nbf in the future)',
    severity: 'high',
    why:
      'A request carrying a token whose not-before time (nbf, or its issue time when it has no nbf) was still ' +
      'ahead got a success answer. A server that ignores nbf accepts tokens issued for later, and one that ' +
      'checks no time claims accepts expired ones too (RFC 7519, ASVS 9.2.1). Request times come from the ' +
      'browser’s clock and token times from the issuer’s: the offset is learnt from the token requests in the ' +
      'capture, and without one five minutes are forgiven.',
    references: [rfc(7519, '§4.1.5'), rfc(7519, '§4.1.6'), asvs('9.2.1'), apiTop10('API2:2023'), cwe(345)],
    scope: 'capture',
  },
  {
    id: 'sig-invalid-accepted',
    title: 'Token with an invalid signature accepted',
    severity: 'critical',
    why:
      'The token’s signature does not verify with any of its issuer’s keys seen in the traffic, yet a request ' +
      'carrying it got a success answer. A server that accepts such a token does not check signatures, so ' +
      'anyone can mint tokens with any claims: a different user, more rights, no expiry (RFC 7515, RFC 8725, ' +
      'ASVS 9.1.1). Inferred from traffic: confirm that the endpoint needs authentication at all. The bad ' +
      'signature itself is sig-invalid (high); this finding alone carries the acceptance.',
    references: [
      rfc(7515, '§5.2'),
      rfc(8725, '§3.1'),
      rfc(7519, '§7.2'),
      asvs('9.1.1'),
      apiTop10('API2:2023'),
      cwe(347),
    ],
    scope: 'capture',
  },
  {
    id: 'validation-inconsistent',
    title: 'Services disagree on tokens that should be refused',
    severity: 'high',
    why:
      'Tokens of one issuer in the same state (expired, unsigned, with a bad signature, or revoked) were ' +
      'refused by one service and accepted by another. Every resource server must validate tokens itself ' +
      '(RFC 9068 §4, RFC 7519 §7.2); the one that accepts is the weak link, and an attacker goes straight to ' +
      'it. A refusal counts only when it is about the token (invalid_token, or a 401) from a service that ' +
      'accepts the issuer’s valid tokens; a 403 for missing scope, a 404 or a 5xx is not a refusal.',
    references: [
      rfc(9068, '§4'),
      rfc(7519, '§7.2'),
      rfc(6750, '§3.1'),
      asvs('9.1.1'),
      asvs('9.2.1'),
      apiTop10('API2:2023'),
      cwe(347),
      cwe(613),
    ],
    scope: 'capture',
  },
  {
    id: 'jti-reused',
    title: 'Two different tokens carry the same token id (jti)',
    severity: 'medium',
    why:
      'RFC 7519 requires a jti to be unique to one token of its issuer. Two distinct tokens with the same jti ' +
      'defeat what jti is for: a replay cache takes the second for a replay, or (keyed on the raw token) ' +
      'misses a real one, and revoking one token by its id revokes the other or neither. Either the issuer ' +
      'does not generate unique ids, or one of the tokens was re-signed with another’s claims.',
    references: [rfc(7519, '§4.1.7'), rfc(9068, '§2.2'), cheatSheet('Replay protection'), cwe(294)],
    scope: 'capture',
  },
  {
    id: 'refresh-token-not-rotated',
    title: 'Refresh token not rotated on a refresh grant',
    severity: 'medium',
    why:
      'The browser refreshed its tokens and the answer brought no new refresh token, or the same one back, ' +
      'while nothing binds the tokens to the client (no DPoP or mTLS confirmation). A refresh token held by a ' +
      'browser belongs to a public client, which RFC 9700 requires to rotate refresh tokens or bind them to ' +
      'the sender: with rotation, a stolen refresh token is detected when thief and user both use it; ' +
      'without, the thief mints access tokens until it expires (ASVS 10.4.5).',
    references: [rfc(9700, '§4.14.2'), rfc(6749, '§6'), rfc(6749, '§10.4'), asvs('10.4.5'), cwe(294)],
    scope: 'capture',
  },
  {
    id: 'token-lifetime-mismatch',
    title: 'Token response expires_in disagrees with the access token’s lifetime',
    severity: 'low',
    why:
      'The token response’s expires_in and the access token’s own exp − iat differ by more than the clock skew. ' +
      'A client that trusts expires_in either keeps sending a token the server already treats as expired, or ' +
      'refreshes long before it needs to; one of the two numbers is wrong, and expiry-based controls ' +
      '(session length, re-authentication) are not what they seem (RFC 6749 §5.1, RFC 7519).',
    references: [rfc(6749, '§5.1'), rfc(7519, '§4.1.4'), rfc(7519, '§4.1.6'), cwe(613)],
    scope: 'capture',
  },
  {
    id: 'oidc-at-hash-mismatch',
    title: 'ID token at_hash or c_hash does not match its access token or code',
    severity: 'high',
    why:
      'An ID token binds the access token and authorization code issued with it through at_hash and c_hash: ' +
      'the base64url of the left half of the hash its signing algorithm names. Here one does not match, so the ' +
      'access token or code beside it is not the one the provider issued with this ID token: a substituted or ' +
      'injected token, or a provider bug. Clients must reject such a response (OpenID Connect Core 3.1.3.8, ' +
      '3.2.2.9, 3.3.2.10, 3.3.2.11).',
    references: [
      oidc('§3.1.3.8'),
      oidc('§3.2.2.9'),
      oidc('§3.3.2.10'),
      oidc('§3.3.2.11'),
      rfc(9700, '§4.5'),
      cwe(345),
    ],
    scope: 'capture',
  },
  {
    id: 'oidc-nonce-mismatch',
    title: 'ID token nonce differs from the authorization request’s',
    severity: 'high',
    why:
      'The authorization request sent a nonce, and the ID token issued for that flow carries another one or ' +
      'none. The nonce ties the ID token to the browser session that asked for it; a client must compare them ' +
      '(OpenID Connect Core 3.1.3.7), or an attacker can replay an ID token, or inject a code obtained ' +
      'elsewhere, into the victim’s session (RFC 9700 §4.5, ASVS 10.5.1).',
    references: [
      oidc('§3.1.2.1'),
      oidc('§3.1.3.7'),
      oidc('§15.5.2'),
      rfc(9700, '§4.5.3'),
      asvs('10.5.1'),
      cwe(345),
    ],
    scope: 'capture',
  },
  {
    id: 'oidc-azp-missing',
    title: 'ID token with several audiences but no azp',
    severity: 'low',
    why:
      'The ID token names several audiences and no authorized party (azp), so nothing in it says which client ' +
      'it was issued to, and any audience can pass it to another as if it were that one’s. OpenID Connect Core ' +
      '1.0 (2014, errata set 1) asks the client to check that azp is present in that case; errata set 2 (2023) ' +
      'leaves azp to extensions, hence low. Issuing ID tokens to one audience, the client, avoids the question.',
    references: [oidc('§2'), oidc('§3.1.3.7'), asvs('10.5.4')],
    scope: 'capture',
  },
  {
    id: 'id-token-as-bearer',
    title: 'ID token sent to an API as a bearer credential',
    severity: 'medium',
    why:
      'An ID token tells the client who signed in; its audience is the client, and it carries no scope. Sent ' +
      'to an API in an Authorization header, it is used as an access token: an API that accepts it takes any ' +
      'login at this provider for this client as authorization, and cannot tell the token types apart ' +
      '(OpenID Connect Core 2, RFC 8725 §2.8 and §3.11, RFC 9068 §4, ASVS 9.2.2). Request an access token for ' +
      'the API instead (the provider’s own UserInfo endpoint wants an access token too, OpenID Connect Core ' +
      '5.3.1). Requests to a service the token’s audience names, and logout or revocation requests, are not ' +
      'reported.',
    references: [oidc('§2'), rfc(8725, '§2.8'), rfc(8725, '§3.11'), rfc(9068, '§4'), asvs('9.2.2'), cwe(287)],
    scope: 'capture',
  },
];
