/*
 * Catalog rules that give evidence for no control, each with the reason the generated docs show
 * (shared/COMPLIANCE.md "Mapping guidance": iat-missing and hdr-crit-extension have no defensible mapping).
 */

/** Rules deliberately mapped to no control, and why (shown in the generated docs). */
export const UNMAPPED_RULES: Readonly<Record<string, string>> = {
  'fmt-malformed':
    'an encoding finding: what a broken token means for a server is judged by the signature and acceptance rules',
  'payload-not-jwt-claims': 'informational: the payload is not a claims set, which no control forbids',
  'alg-deprecated-polymorphic': 'a registry deprecation (RFC 9864): the signature itself is sound',
  'alg-post-quantum': 'informational: ML-DSA is newer than every framework here, none rules on it',
  'hmac-symmetric':
    'a design choice RFC 8725 allows: a shared secret is a risk to weigh, not a control failure',
  'sig-length-mismatch':
    'a signer conformance issue (often DER-encoded ECDSA): whether a verifier accepts it is what the acceptance rules map',
  'hdr-crit-extension': 'no control speaks to JWS critical header extensions (shared/COMPLIANCE.md)',
  'hdr-nonstandard': 'hygiene: unregistered header parameters break no control',
  'typ-not-explicit':
    'advice (RFC 8725 §3.11 SHOULD): ASVS 9.2.2 asks the verifier to check the type, which a token without typ does not violate',
  'jwe-compression': 'a library hardening concern (decompression bombs) that no framework control names',
  'jwe-opaque': 'informational: encrypted claims cannot be judged, which is not a failure',
  'time-claim-invalid':
    'a malformed claim: its effect on a verifier is what matters, mapped through the expiry and acceptance rules',
  'iss-missing': 'RFC 7519/9068 conformance: no framework control requires an iss claim',
  'sub-missing': 'RFC 7519/9068 conformance: no framework control requires a sub claim',
  'jti-missing':
    'jti is one revocation technique among several (ASVS 7.4.1 also accepts per-user not-before or key rotation)',
  'iat-missing': 'no defensible mapping: no control requires an issue time (shared/COMPLIANCE.md)',
  'at-profile-nonconformant': 'RFC 9068 profile conformance: no framework control requires the profile',
  'dpop-proof-nonconformant':
    'RFC 9449 conformance of a proof: its security effect depends on server checks a passive capture cannot see',
  'authz-claims-visible':
    'informational: visible authorization claims are a disclosure to weigh, not a violation',
  'credentials-in-har':
    'about the capture file (a HAR holding a login password), not a control of the audited system',
  'sig-verified':
    'a positive result: it adds to the population signature controls rest on, never to a failure',
  'sig-unverifiable':
    'informational: says a signature check could not run, which no control turns into a failure',
  'internal-error': 'a JWT Lens check failed on this input: it says nothing about the audited system',
  'drift-new-key-id':
    'a signing key rotation, which ASVS 13.3.4 asks for: good practice to note, not a change that fails a control',
  'drift-issuance-rate':
    'a runtime anomaly to investigate, not a change to the system: the monitoring it feeds is the organisation’s to operate',
  'drift-rejections-increased':
    'a runtime anomaly to investigate, not a change to the system: the monitoring it feeds is the organisation’s to operate',
};
