import { signingKeyGroup } from '../keys/signing-key-group';
import { createTokenTextSet, type TokenTextSet } from '../token/token-text-set';
import type { ParsedToken } from '../types';
import type { TokenWithSightings } from './capture-candidates';
import { type HmacTarget, isHmacAlg } from './hmac-types';

/** The token a target belongs to: the finding goes to `fingerprint`; `nested` for the inner token of a JWT. */
export interface TargetOwner {
  fingerprint: string;
  nested: boolean;
}

/** Every HS token of a capture, and which of them the dictionaries are run against. */
export interface HmacTargets {
  targets: HmacTarget[];
  owners: TargetOwner[];
  /** Indices into `targets`: one token per signing key as far as the capture tells (alg, iss, kid, host). */
  representatives: number[];
}

function targetOf(token: ParsedToken): HmacTarget | undefined {
  const alg = token.header?.alg;
  if (token.kind !== 'jws' || !isHmacAlg(alg) || token.signingInput === undefined || !token.signature)
    return undefined;
  return { alg, signingInput: token.signingInput, signature: token.signature };
}

export interface CollectOptions {
  /**
   * Dictionary-test every token instead of one per key group (the CLI's `--crack-each`): finds a weak
   * secret even where one issuer signs with several keys without telling them apart by `kid`, for
   * instance old tokens from before a key rotation, at the cost of one dictionary run per token.
   */
  eachToken?: boolean;
}

/**
 * Every HS256/384/512 JWS among `tokens` (and their nested inner tokens), once per distinct text. A
 * capture can hold thousands of tokens from one issuer, and a dictionary costs the same for each: unless
 * `eachToken` is set, only one per key group is dictionary-tested, and every secret found is then
 * checked against all tokens (one HMAC each).
 */
export function collectHmacTargets(
  tokens: readonly (ParsedToken | TokenWithSightings)[],
  options: CollectOptions = {},
): HmacTargets {
  const result: HmacTargets = { targets: [], owners: [], representatives: [] };
  const collecting: Collecting = { result, seen: createTokenTextSet(), groups: new Set(), options };
  for (const item of tokens) {
    const entry = 'token' in item ? item : { token: item };
    addTarget(collecting, entry, entry.token, false);
    if (entry.token.nested) addTarget(collecting, entry, entry.token.nested, true);
  }
  return result;
}

/** What `collectHmacTargets` has gathered so far. */
interface Collecting {
  result: HmacTargets;
  /** Texts already targeted (by fingerprint: see `createTokenTextSet`). */
  seen: TokenTextSet;
  groups: Set<string>;
  options: CollectOptions;
}

/** Adds `candidate` (the entry's token, or its inner token when `nested`) if it is an HS JWS not seen yet. */
function addTarget(c: Collecting, entry: TokenWithSightings, candidate: ParsedToken, nested: boolean): void {
  const target = targetOf(candidate);
  if (!target || !c.seen.add(candidate)) return;
  const { result, groups } = c;
  const group = c.options.eachToken ? undefined : signingKeyGroup(candidate, nested, entry.sightings);
  if (group === undefined || !groups.has(group)) result.representatives.push(result.targets.length);
  if (group !== undefined) groups.add(group);
  result.targets.push(target);
  result.owners.push({ fingerprint: entry.token.fingerprint, nested });
}
