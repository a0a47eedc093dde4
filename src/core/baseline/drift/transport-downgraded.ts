import { isCleartextScheme, LOOPBACK_ONLY, staysOnLoopback } from '../../rules/context/hosts';
import { describeRequest, hostOf } from '../../rules/context/sighting-facts';
import { transportOf } from '../token-facts';
import { driftHit, expected, listed, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-transport-downgraded` (high): a token whose profile only ever travelled encrypted (https, wss)
 * went over cleartext (http, ws): anyone on the path reads it (RFC 6750 §5.3, NIST SP 800-63B-4 §5.1: no
 * fallback to http). Low when every such request stayed on a loopback host, as `transport-cleartext`
 * grades it: the traffic never left the machine.
 */
export const checkTransportDowngraded = perToken(({ record, profile }) => {
  const learned = profile.transports.map((t) => t.toLowerCase());
  if (learned.length === 0 || learned.some(isCleartextScheme)) return undefined;
  const cleartext = record.sightings.filter((s) => isCleartextScheme(transportOf(s)));
  if (cleartext.length === 0) return undefined;
  const loopbackOnly = staysOnLoopback(cleartext.map(hostOf));
  const schemes = [...new Set(cleartext.map(transportOf))];
  const first = cleartext[0] as (typeof cleartext)[number];
  return driftHit(
    'drift-transport-downgraded',
    record,
    `The baseline’s ${profileName(profile)} only travelled over ${listed(learned)}; this one went over ${listed(schemes)}${loopbackOnly ? LOOPBACK_ONLY : ''}: ${describeRequest(first)}.`,
    [expected(`transport: ${listed(learned)}`), seen(`transport: ${listed(schemes)}`)],
    { severity: loopbackOnly ? 'low' : 'high', sightingIds: cleartext.map((s) => s.id) },
  );
});
