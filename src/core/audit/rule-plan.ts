import { ruleInfo } from '../rules/catalog';
import { CONTEXT_RULES } from '../rules/context';
import { checkWebStorage } from '../rules/storage';
import { HEADER_ONLY_RULES, TOKEN_RULES } from '../rules/token';
import { sharedHits, usableHeader } from '../rules/token/token-parts';
import type { JsonObject, Policy, RuleContext, RuleHit, Severity, TokenKind } from '../types';
import { severityRank } from './findings';
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
 */
export function runTokenPlan(ctx: RuleContext, out: RuleHit[]): void {
  const header = usableHeader(ctx.record.token);
  // Parsing freezes every header; a hand-built, unfrozen one could change between tokens, so it is not cached.
  if (header && Object.isFrozen(header)) {
    appendHits(out, headerOnlyHits(header, ctx));
    runRules(PER_TOKEN_RULES, ctx, out);
  } else {
    runRules(TOKEN_RULES, ctx, out);
  }
  runRules(CONTEXT_RULES, ctx, out);
  runRules(LOCAL_RULES, ctx, out);
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
    const label = level === 1 ? 'Nested token' : `Nested token (level ${level})`;
    for (const hit of hits) addNestedHit(out, hit, label);
  }
}

/** Adds an inner token's hit, joined to the outer token's hit of the same rule when there is one. */
function addNestedHit(out: RuleHit[], hit: RuleHit, label: string): void {
  const evidence = (hit.evidence ?? []).map((e) => ({ ...e, label: `${label.toLowerCase()}: ${e.label}` }));
  const detail = `${label}: ${hit.detail}`;
  const at = out.findIndex((seen) => seen.ruleId === hit.ruleId);
  const seen = out[at];
  if (!seen) {
    out.push({ ...hit, detail, evidence });
    return;
  }
  // Hits may be shared between tokens (see `headerOnlyHits`): the joined hit is a new object.
  const joined: RuleHit = {
    ...seen,
    detail: `${seen.detail} ${detail}`,
    evidence: [...(seen.evidence ?? []), ...evidence],
  };
  const severity = moreSevere(severityOf(seen), severityOf(hit));
  if (severity !== severityOf(seen) || seen.severity !== undefined) joined.severity = severity;
  out[at] = joined;
}

function severityOf(hit: RuleHit): Severity {
  return hit.severity ?? ruleInfo(hit.ruleId)?.severity ?? 'info';
}

function moreSevere(a: Severity, b: Severity): Severity {
  return severityRank(b) < severityRank(a) ? b : a;
}
