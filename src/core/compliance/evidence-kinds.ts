/**
 * What a rule can look at in a capture: a control's population (the tokens, sightings and requests its
 * `pass` rests on) is the union of its rules' kinds. A kind with nothing in the capture makes the
 * control `not-observed` rather than `pass`.
 */
export type EvidenceKind =
  /** Token sightings that travelled over the network (a URL with a scheme). */
  | 'network'
  /** Token cookies: `Set-Cookie` and request cookies. */
  | 'cookies'
  /** Responses that handed out a token (`Set-Cookie`, response body or header). */
  | 'responses'
  /** Tokens read from web storage. */
  | 'storage'
  /** JWS tokens, signed or unsecured (`alg: none`, RFC 7519 §6). */
  | 'signed'
  /** HMAC-signed JWTs, tried against published and common secrets. */
  | 'hmac'
  /** Tokens whose signature was checked against the issuer's keys. */
  | 'verified'
  /** Encrypted JWTs. */
  | 'jwe'
  /** JWTs with readable claims. */
  | 'claims'
  /** JWTs with readable claims, judged on their expiry and lifetime. */
  | 'lifetime'
  /** Refresh tokens. */
  | 'refresh'
  /** Token uses with a known server verdict (accepted or rejected). */
  | 'verdicts'
  /** Logout and revocation events. */
  | 'logout'
  /** ID tokens (OpenID Connect). */
  | 'id-tokens'
  /** Every request in the capture. */
  | 'requests'
  /** Tokens compared with a learned baseline (drift rules); none unless a baseline was given. */
  | 'baseline'
  /** Tampered tokens a probe sent (issue 15); its refusals come from the probe runs, not the capture. */
  | 'probes';

/** A narrower reading of a rule's findings for one control (see `mappings.ts`). */
export type MappingCondition =
  /** Only findings whose evidence names a payment card number (PAN). */
  | 'payment-card'
  /** Only tokens whose lifetime exceeds the overall timeout of the policy's NIST AAL. */
  | 'aal-overall-limit'
  /** Only findings with a sighting beyond loopback hosts (traffic that left the machine). */
  | 'off-loopback';

/** How the generated docs describe a condition. */
export const CONDITION_TEXT: Record<MappingCondition, string> = {
  'payment-card': 'only findings that name a payment card number (PAN)',
  'aal-overall-limit': 'only tokens living longer than the overall timeout of the policy’s AAL',
  'off-loopback': 'only traffic that left the machine, not loopback-only traffic',
};
