import type { TokenUse } from '../lifecycle/types';
import { compareText } from './order';
import { roundShare } from './stats';
import type { TokenProfile } from './types';

type Responses = NonNullable<TokenProfile['responses']>;

/** RFC 6750 §3 error codes are short words; anything else a server wrote is not learned. */
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_CODES = 32;

/** What a profile's servers answered: uses they judged (accepted or rejected), share rejected, error codes. */
export interface ResponseTally {
  judged: number;
  rejected: number;
  codes: Set<string>;
}

export function createTally(): ResponseTally {
  return { judged: 0, rejected: 0, codes: new Set() };
}

/** Counts one use; uses with no verdict (no response, a preflight, a cache) say nothing of the server. */
export function tallyUse(tally: ResponseTally, use: TokenUse): void {
  const { verdict, error } = use.verdict;
  if (verdict === 'unknown') return;
  tally.judged++;
  if (verdict !== 'rejected') return;
  tally.rejected++;
  if (error && ERROR_CODE.test(error) && tally.codes.size < MAX_CODES) tally.codes.add(error);
}

export function responsesOf(tally: ResponseTally): Responses | undefined {
  if (tally.judged === 0) return undefined;
  return {
    uses: tally.judged,
    rejectedShare: roundShare(tally.rejected / tally.judged),
    errorCodes: [...tally.codes].sort(compareText),
  };
}

/** Both tallies: uses added, the share weighted by uses, the error codes of both. */
export function mergeResponses(a: Responses | undefined, b: Responses | undefined): Responses | undefined {
  if (!a || !b) return a ? copy(a) : b ? copy(b) : undefined;
  const uses = a.uses + b.uses;
  const share = uses > 0 ? (a.rejectedShare * a.uses + b.rejectedShare * b.uses) / uses : 0;
  return {
    uses,
    rejectedShare: roundShare(share),
    errorCodes: [...new Set([...a.errorCodes, ...b.errorCodes])].sort(compareText),
  };
}

function copy(responses: Responses): Responses {
  return { ...responses, errorCodes: [...responses.errorCodes] };
}
