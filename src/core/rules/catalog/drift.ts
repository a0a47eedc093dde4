import type { RuleInfo } from '../../types';
import { asvs, cve, cwe, nist, oidc, rfc } from '../token/catalog/refs';

const LEARNED =
  'Drift is judged against a baseline learned from reviewed captures: a change may be intended, so ' +
  'review it, then accept it into the baseline (baseline update) or fix the release.';

/** Drift from a learned baseline (issue 16): what changed since the reviewed captures. */
export const DRIFT_CATALOG: RuleInfo[] = [
  {
    id: 'drift-new-issuer',
    title: 'Token from an issuer the baseline never saw',
    severity: 'medium',
    why:
      'Tokens now come from an issuer that none of the baseline’s tokens named: a new identity provider, a ' +
      'staging issuer reaching production, or tokens minted by a component that should not mint them. ' +
      'Verifiers must bind keys to issuers and accept only the ones they trust (RFC 8725 §3.8, RFC 7519 ' +
      `§4.1.1). ${LEARNED}`,
    references: [rfc(8725, '§3.8'), rfc(7519, '§4.1.1'), asvs('9.1.3'), cwe(345)],
    scope: 'baseline',
  },
  {
    id: 'drift-alg-changed',
    title: 'Signing algorithm changed since the baseline',
    severity: 'low',
    why:
      'Tokens of this issuer and purpose now use an algorithm none of the baseline’s tokens used. High when ' +
      'the change weakens the signature: to none (an unsigned token), or from public-key signatures only to ' +
      'an HMAC (every service holding the shared secret can then mint tokens, and an HMAC token from an ' +
      'issuer that signs with RSA or EC keys is the algorithm-confusion pattern). Low for any other change ' +
      '(HMAC to a public-key algorithm, RS256 to PS256, a longer hash): verifiers must be configured for it, ' +
      `but it weakens nothing by itself. ${LEARNED}`,
    references: [rfc(8725, '§3.1'), rfc(8725, '§3.2'), rfc(7518, '§3.1'), asvs('9.1.2'), cwe(327), cwe(757)],
    scope: 'baseline',
  },
  {
    id: 'drift-new-key-id',
    title: 'New signing key id (a key rotation)',
    severity: 'info',
    why:
      'Tokens now name a key id (kid) the baseline’s tokens never carried: most often a planned key ' +
      'rotation, which is good practice. The finding lists when each previous key was first and last seen, ' +
      'so a reviewer can tell an announced rotation from a key nobody expected (a leaked or rogue signer). ' +
      LEARNED,
    references: [rfc(7515, '§4.1.4'), asvs('13.3.4'), asvs('9.1.3')],
    scope: 'baseline',
  },
  {
    id: 'drift-claim-added',
    title: 'Claim added since the baseline',
    severity: 'low',
    why:
      'Tokens now carry a claim none of the baseline’s tokens of that issuer and purpose carried. Anyone ' +
      'holding the token reads its claims, and every service it reaches receives them: high when the new ' +
      'claim is personal data or a secret (the same detectors as pii-oidc-claims, pii-value-pattern and ' +
      'secret-in-payload; an ID token’s OpenID Connect End-User claims are low, carried by design), low ' +
      `otherwise (ASVS 14.2.6: tokens hold the minimum). ${LEARNED}`,
    references: [asvs('14.2.6'), asvs('14.1.1'), oidc('§5.1'), rfc(9068, '§6'), cwe(359), cwe(200)],
    scope: 'baseline',
  },
  {
    id: 'drift-claim-missing',
    title: 'Claim the baseline always saw is missing',
    severity: 'medium',
    why:
      'A claim every one of the baseline’s tokens of this issuer and purpose carried is gone: an audience ' +
      '(aud), an expiry (exp), a token id (jti)… Verifiers that relied on it may now skip the check ' +
      'silently: a token without aud is accepted by every service that trusts the issuer, one without exp ' +
      `never expires (RFC 8725 §3.9, RFC 7519 §4.1). ${LEARNED}`,
    references: [rfc(8725, '§3.9'), rfc(7519, '§4.1.3'), rfc(7519, '§4.1.4'), rfc(9068, '§2.2'), cwe(345)],
    scope: 'baseline',
  },
  {
    id: 'drift-claim-type-changed',
    title: 'Claim’s JSON type changed since the baseline',
    severity: 'low',
    why:
      'A claim the baseline knew now holds a different JSON type (a string aud become an array, a numeric ' +
      'exp become a string). Consumers that parse it the old way fail, or worse mis-read it: a library ' +
      `reading an aud array as a string skipped the audience check (CVE-2020-26160). ${LEARNED}`,
    references: [rfc(7519, '§4.1'), rfc(7519, '§4.1.3'), cve('2020-26160'), cwe(20)],
    scope: 'baseline',
  },
  {
    id: 'drift-audience-changed',
    title: 'Audience changed since the baseline',
    severity: 'medium',
    why:
      'Tokens are now issued for an audience none of the baseline’s tokens named. A token meant for more ' +
      'or other services can be replayed at each of them (RFC 8725 §3.9 audience substitution); an ' +
      `unintended audience often means a client or resource registration changed. ${LEARNED}`,
    references: [rfc(8725, '§3.9'), rfc(7519, '§4.1.3'), asvs('9.2.3'), asvs('10.3.1'), cwe(345)],
    scope: 'baseline',
  },
  {
    id: 'drift-lifetime-increased',
    title: 'Token lifetime grew beyond the baseline',
    severity: 'medium',
    why:
      'Tokens now live longer (exp − iat, or exp − nbf without an iat) than the longest the baseline saw, by more than the policy’s ' +
      'tolerance (10 % unless drift.lifetimeTolerance says otherwise). A bearer token is usable by whoever ' +
      'copies it until it expires: lifetimes that grow from minutes to a day multiply the window (RFC 6750 ' +
      `§5.3, NIST SP 800-63B-4 reauthentication limits, ASVS 7.3.2). ${LEARNED}`,
    references: [rfc(6750, '§5.3'), nist('§2.2.3'), asvs('7.3.2'), cwe(613)],
    scope: 'baseline',
  },
  {
    id: 'drift-new-recipient-host',
    title: 'Token sent to a host the baseline never saw',
    severity: 'medium',
    why:
      'The token was presented to a host none of the baseline’s tokens of this kind reached: a new API, a ' +
      'third party, or a misrouted call. Each recipient can replay the token wherever its audience is ' +
      `accepted, so tokens should reach only the services that need them (ASVS 10.1.1, RFC 6750 §5.2). ${LEARNED}`,
    references: [asvs('10.1.1'), asvs('14.2.3'), rfc(6750, '§5.2'), rfc(8725, '§3.9'), cwe(200)],
    scope: 'baseline',
  },
  {
    id: 'drift-cookie-weakened',
    title: 'Token cookie lost an attribute it always had',
    severity: 'medium',
    why:
      'The cookie carrying the token lost an attribute it had on every sighting in the baseline: HttpOnly ' +
      '(script can now read it), Secure (it may travel over http), a SameSite level (it is sent on ' +
      'cross-site requests again) or the __Host- prefix (a sibling domain can set it). NIST SP 800-63B-4 ' +
      `§5.1.1 and ASVS 3.3.1, 3.3.2 and 3.3.4 ask for these attributes. ${LEARNED}`,
    references: [
      nist('§5.1.1'),
      asvs('3.3.1'),
      asvs('3.3.2'),
      asvs('3.3.4'),
      { standard: 'RFC 6265', id: '§4.1.2' },
      cwe(1004),
      cwe(614),
      cwe(1275),
    ],
    scope: 'baseline',
  },
  {
    id: 'drift-transport-downgraded',
    title: 'Token now travels over cleartext',
    severity: 'high',
    why:
      'Tokens of this kind only ever travelled over https (or wss) in the baseline; now one went over http ' +
      '(or ws), readable and replayable by anyone on the network path. Bearer tokens must always be ' +
      'protected by TLS, with no fallback to http (RFC 6750 §5.3, NIST SP 800-63B-4 §5.1, ASVS 12.2.1). ' +
      `Low when the cleartext requests stayed on loopback hosts. ${LEARNED}`,
    references: [rfc(6750, '§5.3'), nist('§5.1'), asvs('12.2.1'), cwe(319), cwe(523)],
    scope: 'baseline',
  },
  {
    id: 'drift-issuance-rate',
    title: 'Tokens issued far faster than in the baseline',
    severity: 'low',
    why:
      'In some minute of the capture far more tokens of this kind were first seen than in any minute of the ' +
      'baseline (three times its busiest minute unless drift.issuanceRateFactor says otherwise): a client ' +
      'stuck in a refresh loop, a cache that stopped working, or tokens minted in bulk. Monitoring token ' +
      `creation rates catches abuse and faults early (NIST SP 800-63B-4 §5.3). ${LEARNED}`,
    references: [nist('§5.3')],
    scope: 'baseline',
  },
  {
    id: 'drift-rejections-increased',
    title: 'Servers reject far more token uses than in the baseline',
    severity: 'low',
    why:
      'The servers rejected a far larger share of this kind of token’s uses than in the baseline (three ' +
      'times its share unless drift.rejectionRateFactor says otherwise, at least ten points more and three ' +
      'rejections): a key rollover the verifiers missed, a clock problem, or someone replaying or forging ' +
      `tokens. Signature failures and rejections are a signal to monitor (NIST SP 800-63B-4 §5.3). ${LEARNED}`,
    references: [nist('§5.3'), rfc(6750, '§3.1')],
    scope: 'baseline',
  },
];
