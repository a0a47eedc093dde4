import type { RuleHit, Sighting, TokenRule } from '../../types';
import { NO_HITS } from '../token/token-parts';
import { isLoopbackHost } from './hosts';
import { countRequests, hostOf, isOnWire, listNames, unique } from './sighting-facts';

const CLEARTEXT = new Set(['http', 'ws']);

/**
 * `transport-cleartext`: the token crossed the network over `http://` or `ws://` (RFC 6750 §5.3). High,
 * or low when every such exchange stayed on a loopback host (a developer's own machine).
 */
function isCleartext(s: Sighting): boolean {
  return isOnWire(s) && CLEARTEXT.has(s.scheme);
}

export const checkTransportCleartext: TokenRule = ({ record }) => {
  // `some` first: most tokens have no such sighting, and then nothing is allocated.
  if (!record.sightings.some(isCleartext)) return NO_HITS;
  const plain = record.sightings.filter(isCleartext);
  const hosts = unique(plain.map((s) => hostOf(s) || '(unknown host)'));
  const remote = hosts.filter((h) => !isLoopbackHost(h));
  const schemes = unique(plain.map((s) => `${s.scheme}://`)).join(' and ');
  const hit: RuleHit = {
    ruleId: 'transport-cleartext',
    severity: remote.length > 0 ? 'high' : 'low',
    detail: `sent over ${schemes} to ${listNames(hosts)} in ${countRequests(plain)}${remote.length ? '' : ' (loopback only)'}`,
    evidence: unique(plain.map((s) => `${s.scheme}://${hostOf(s)}`))
      .slice(0, 5)
      .map((value) => ({ label: 'cleartext origin', value })),
    sightingIds: plain.map((s) => s.id),
  };
  return [hit];
};
