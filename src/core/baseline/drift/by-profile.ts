import type { TokenRecord } from '../../types';
import type { TokenProfile } from '../types';
import type { DriftMatch } from './types';

/** The matched tokens of each profile, in audit order. */
export function recordsByProfile(matches: readonly DriftMatch[]): Map<TokenProfile, TokenRecord[]> {
  const out = new Map<TokenProfile, TokenRecord[]>();
  for (const { record, profile } of matches) {
    const list = out.get(profile);
    if (list) list.push(record);
    else out.set(profile, [record]);
  }
  return out;
}
