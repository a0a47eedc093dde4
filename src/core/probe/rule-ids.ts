import type { ProbeKind } from './types';

/** The finding each tampered kind raises when the server accepts it (`wrong-subject` is a control, see plan). */
export const PROBE_RULE: Partial<Record<ProbeKind, string>> = {
  'alg-none': 'probe-alg-none-accepted',
  'signature-stripped': 'probe-signature-not-verified',
  'signature-corrupted': 'probe-signature-not-verified',
  'claim-tampered': 'probe-signature-not-verified',
  'psychic-signature': 'probe-psychic-signature-accepted',
  'embedded-jwk': 'probe-embedded-jwk-trusted',
  'alg-confusion': 'probe-alg-confusion-accepted',
  'kid-injection': 'probe-kid-injection-accepted',
  expired: 'probe-expired-accepted',
  'not-yet-valid': 'probe-nbf-ignored',
  'wrong-audience': 'probe-audience-ignored',
};

/** Every probe rule id, in catalog order. */
export const PROBE_RULE_IDS: readonly string[] = [...new Set(Object.values(PROBE_RULE))];
