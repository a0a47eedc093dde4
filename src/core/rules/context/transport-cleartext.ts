import type { RuleHit, Sighting, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { isCleartextScheme, LOOPBACK_ONLY, staysOnLoopback } from './hosts';
import { countRequests, hostOf, isOnWire, listNames, unique } from './sighting-facts';

/**
 * `transport-cleartext`: the token crossed the network over `http://` or `ws://` (RFC 6750 §5.3). High,
 * or low when every such exchange stayed on a loopback host (a developer's own machine).
 */
function isCleartext(s: Sighting): boolean {
  return isOnWire(s) && isCleartextScheme(s.scheme);
}

export const checkTransportCleartext: TokenRule = ({ record }) => {
  // `some` first: most tokens have no such sighting, and then nothing is allocated.
  if (!record.sightings.some(isCleartext)) return NO_HITS;
  const plain = record.sightings.filter(isCleartext);
  const hosts = unique(plain.map((s) => hostOf(s) || '(unknown host)'));
  const local = staysOnLoopback(hosts);
  const schemes = unique(plain.map((s) => `${s.scheme}://`)).join(' and ');
  const hit: RuleHit = {
    ruleId: 'transport-cleartext',
    severity: local ? 'low' : 'high',
    detail: `sent over ${schemes} to ${listNames(hosts)} in ${countRequests(plain)}${local ? LOOPBACK_ONLY : ''}`,
    evidence: unique(plain.map((s) => `${s.scheme}://${hostOf(s)}`))
      .slice(0, 5)
      .map((value) => ({ label: 'cleartext origin', value })),
    sightingIds: plain.map((s) => s.id),
  };
  return [hit];
};
