import { CONTEXT_RULES } from '../rules/context';
import { addNestedHit, nestedLabel } from '../rules/nested-hits';
import { checkWebStorage } from '../rules/storage';
import { HEADER_ONLY_RULES, TOKEN_RULES } from '../rules/token';
import { sharedHits, usableHeader } from '../rules/token/token-parts';
import type { JsonObject, Policy, RuleContext, RuleHit, TokenKind } from '../types';
import { appendHits, runRules } from './run-rules';

/** Token rules that need more than the header: run for every token. Same order as in `TOKEN_RULES`. */
const PER_TOKEN_RULES = TOKEN_RULES.filter((rule) => !HEADER_ONLY_RULES.includes(rule));

/** Rules that live beside the engine rather than in a rule family. */
const LOCAL_RULES = [checkWebStorage];

/** The header-only hits for one header, and what else they were computed from. */
interface HeaderHits {
  kind: TokenKind;
  policy: Policy;
  hits: readonly RuleHit[];
}

/**
 * Header-only hits per header object. Parsing hands every token with the same header segment the same
 * frozen header (see `decodeHeader`), so this is one entry per distinct header in use, and a header that
 * is no longer referenced takes its entry with it.
 */
const headerHits = new WeakMap<JsonObject, HeaderHits>();

function headerOnlyHits(header: JsonObject, ctx: RuleContext): readonly RuleHit[] {
  const { kind } = ctx.record.token;
  const cached = headerHits.get(header);
  if (cached && cached.kind === kind && cached.policy === ctx.policy) return cached.hits;
  const hits: RuleHit[] = [];
  runRules(HEADER_ONLY_RULES, ctx, hits);
  const entry: HeaderHits = { kind, policy: ctx.policy, hits: sharedHits(hits) };
  headerHits.set(header, entry);
  return entry.hits;
}

/**
 * Runs every token, context and local rule on one token, appending the hits to `out`: the same hits as
 * running `TOKEN_RULES`, `CONTEXT_RULES` and the local rules one by one (in another order: findings are
 * sorted later), but with the header-only rules run once per distinct header instead of once per token.
 * An opaque token gets the context and local rules only: the JWT rules would judge a structure it lacks.
 */
export function runTokenPlan(ctx: RuleContext, out: RuleHit[]): void {
  // An opaque token has no header, claims or signature: only the rules about how it travelled apply.
  if (ctx.record.token.kind !== 'opaque') runJwtRules(ctx, out);
  runRules(CONTEXT_RULES, ctx, out);
  runRules(LOCAL_RULES, ctx, out);
}

/** The token rules (header-only ones shared per header), and the nested token's. */
function runJwtRules(ctx: RuleContext, out: RuleHit[]): void {
  const header = usableHeader(ctx.record.token);
  // Parsing freezes every header; a hand-built, unfrozen one could change between tokens, so it is not cached.
  if (header && Object.isFrozen(header)) {
    appendHits(out, headerOnlyHits(header, ctx));
    runRules(PER_TOKEN_RULES, ctx, out);
  } else {
    runRules(TOKEN_RULES, ctx, out);
  }
  if (ctx.record.token.nested) runNestedRules(ctx, out);
}

/**
 * The token rules on each inner token of a nested JWT (`cty: JWT`), reported on the token as presented:
 * a verifier acts on the inner token's algorithm and claims, so an unsigned inner token, a missing `exp`
 * or personal data inside must not go unseen because they are wrapped (RFC 8725 §3.3: validate both
 * layers). Context rules are not rerun: the inner token travelled with the outer one.
 */
function runNestedRules(ctx: RuleContext, out: RuleHit[]): void {
  let level = 0;
  for (let inner = ctx.record.token.nested; inner; inner = inner.nested) {
    level++;
    const hits: RuleHit[] = [];
    runRules(TOKEN_RULES, { ...ctx, record: { ...ctx.record, token: inner } }, hits);
    for (const hit of hits) addNestedHit(out, hit, nestedLabel(level));
  }
}
