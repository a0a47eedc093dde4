import type { RuleHit, Sighting, TokenRule } from '../types';
import { NO_HITS } from './token/token-parts';

function isStored(s: Sighting): boolean {
  return s.where === 'storage';
}

/** `token-in-web-storage`: the panel's "Scan storage" reports storage items as sightings with `where: 'storage'`. */
export const checkWebStorage: TokenRule = ({ record }) => {
  if (!record.sightings.some(isStored)) return NO_HITS;
  const stored = record.sightings.filter(isStored);
  const places = [...new Set(stored.map((s) => `${s.name} (${s.url})`))];
  const hit: RuleHit = {
    ruleId: 'token-in-web-storage',
    detail: `kept in web storage as ${places.slice(0, 3).join(', ')}${places.length > 3 ? ` and ${places.length - 3} more` : ''}`,
    evidence: stored.slice(0, 5).map((s) => ({ label: 'storage key', value: s.name })),
    sightingIds: stored.map((s) => s.id),
  };
  return [hit];
};
