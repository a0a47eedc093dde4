import { builtInCandidateLists } from '../../core/secrets/candidate-lists';
import type { TokenWithSightings } from '../../core/secrets/capture-candidates';
import { packCandidates } from '../../core/secrets/pack-candidates';
import type { SecretSearch } from '../../core/secrets/secret-search';
import type { CaptureHit, ParsedToken } from '../../core/types';

/** Published secrets, the built-in weak list and capture-derived candidates, on this thread (milliseconds). */
export function tryBuiltInSources(
  search: SecretSearch,
  tokens: readonly (ParsedToken | TokenWithSightings)[],
): CaptureHit[] {
  const hits: CaptureHit[] = [];
  for (const list of builtInCandidateLists(tokens)) {
    if (search.done()) break;
    hits.push(...search.tryBatch(packCandidates(list.candidates), list.origin));
  }
  return hits;
}
