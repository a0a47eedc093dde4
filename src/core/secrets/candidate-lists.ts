import type { ParsedToken } from '../types';
import {
  type CaptureValues,
  candidatesFromValues,
  collectCaptureValues,
  type TokenWithSightings,
} from './capture-candidates';
import { publishedCandidates } from './published-secrets';
import type { SecretOrigin } from './secret-hits';
import { weakSecrets } from './weak-secrets';

/** A list of candidates tried in one go, and where each came from. */
export interface CandidateList {
  phase: 'published' | 'built-in' | 'capture';
  candidates: readonly (string | Uint8Array)[];
  origin(index: number): SecretOrigin;
}

/**
 * The candidates every scan tries, in order: published test secrets (`key-publicly-known`), the built-in
 * weak list, then candidates derived from the capture. Cheap: about ten thousand candidates in all.
 */
export function builtInCandidateLists(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: { builtIn?: boolean; capture?: boolean } = {},
): CandidateList[] {
  const values = options.capture === false ? undefined : collectCaptureValues(tokens);
  return candidateListsFrom(values, options.builtIn !== false);
}

/**
 * The same lists from capture values collected beforehand (`undefined`: no capture list), for a thread
 * that has the values but not the tokens.
 */
export function candidateListsFrom(values: CaptureValues | undefined, builtIn = true): CandidateList[] {
  const lists: CandidateList[] = [];
  if (builtIn) {
    const published = publishedCandidates();
    lists.push({
      phase: 'published',
      candidates: published.map((p) => p.bytes),
      origin: (i) => ({ kind: 'published', entry: published[i]!.entry }),
    });
    lists.push({ phase: 'built-in', candidates: weakSecrets(), origin: () => ({ kind: 'built-in' }) });
  }
  if (values)
    lists.push({
      phase: 'capture',
      candidates: candidatesFromValues(values),
      origin: () => ({ kind: 'capture' }),
    });
  return lists;
}
