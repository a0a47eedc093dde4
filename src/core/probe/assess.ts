import type { CaptureHit, Evidence } from '../types';
import { describeShape, maskProbeUrl } from './describe';
import type { ProbeAssessment, ProbeKind, ProbeOutcome, ProbeRun } from './types';

/** Forgeries any verifier that skips the signature accepts: folded into probe-signature-not-verified then. */
const FORGERY_RULES = new Set([
  'probe-alg-none-accepted',
  'probe-psychic-signature-accepted',
  'probe-embedded-jwk-trusted',
  'probe-alg-confusion-accepted',
  'probe-kid-injection-accepted',
]);
const NOT_VERIFIED = 'probe-signature-not-verified';
/** Cases re-signed with the recovered secret: their refusals count only when such a token is accepted at all. */
const RESIGNED: ReadonlySet<ProbeKind> = new Set(['expired', 'not-yet-valid', 'wrong-audience']);

function evidenceOf(run: ProbeRun, accepted: readonly ProbeOutcome[]): Evidence[] {
  const url = typeof run.url === 'string' ? run.url : '';
  return [
    { label: 'request', value: `${run.method} ${maskProbeUrl(url, run.slot)}`, raw: `${run.method} ${url}` },
    { label: 'token in', value: `${run.slot.where} ${run.slot.name}` },
    { label: 'baseline (token as captured)', value: describeShape(run.baseline?.shape, run.baseline?.error) },
    {
      label: 'negative control (no token)',
      value: describeShape(run.negativeControl?.shape, run.negativeControl?.error),
    },
    ...accepted.map((o) => ({ label: `probe ${o.caseId}`, value: `${o.change}: ${describeShape(o.shape)}` })),
  ];
}

function hitFor(run: ProbeRun, ruleId: string, accepted: ProbeOutcome[], folded: ProbeOutcome[]): CaptureHit {
  const ids = (list: ProbeOutcome[]) => list.map((o) => o.caseId).join(', ');
  const also =
    folded.length > 0 ? ` It also accepted forged tokens that follow from this (${ids(folded)}).` : '';
  return {
    ruleId,
    fingerprint: run.fingerprint,
    detail:
      `A probe replayed ${run.method} ${maskProbeUrl(run.url, run.slot)} with tampered tokens; the server ` +
      `accepted ${ids(accepted)}: each answer matched the baseline’s, not the answer to the request ` +
      `without the token.${also}`,
    evidence: evidenceOf(run, [...accepted, ...folded]),
  };
}

/**
 * Findings and passes of a finished run: one finding per probe rule with an accepted case (its evidence:
 * method, masked URL, the baseline's, the negative control's and each accepted probe's answer). When the
 * server accepts a broken signature, the forgeries it also accepts (alg none, psychic signature, embedded
 * key, algorithm confusion, kid) prove nothing more: they are folded into that one finding. A rule whose
 * cases were all refused passes; the re-signed time and audience cases pass only when the re-signed
 * token for another subject was accepted (the recovered secret is then the server's). A stopped run
 * gives neither. Never throws.
 */
export function assessProbeRun(run: ProbeRun): ProbeAssessment {
  try {
    return assess(run);
  } catch {
    // A run read back from a file may lack fields: no finding rather than an exception.
    return { hits: [], passedRuleIds: [] };
  }
}

function assess(run: ProbeRun): ProbeAssessment {
  if (run.stopped || !Array.isArray(run.outcomes)) return { hits: [], passedRuleIds: [] };
  const byRule = new Map<string, ProbeOutcome[]>();
  for (const o of run.outcomes) {
    if (!o?.ruleId) continue;
    byRule.set(o.ruleId, [...(byRule.get(o.ruleId) ?? []), o]);
  }
  const accepted = (ruleId: string) => (byRule.get(ruleId) ?? []).filter((o) => o.verdict === 'accepted');
  const unverified = accepted(NOT_VERIFIED).length > 0;
  const resignedTrusted = run.outcomes.some((o) => o?.kind === 'wrong-subject' && o.verdict === 'accepted');
  const hits: CaptureHit[] = [];
  const passedRuleIds: string[] = [];
  const folded: ProbeOutcome[] = [];
  for (const [ruleId, outcomes] of byRule) {
    const yes = accepted(ruleId);
    if (yes.length > 0 && unverified && FORGERY_RULES.has(ruleId)) folded.push(...yes);
    else if (yes.length > 0) hits.push(hitFor(run, ruleId, yes, []));
    else if (passes(outcomes, resignedTrusted)) passedRuleIds.push(ruleId);
  }
  const main = hits.find((h) => h.ruleId === NOT_VERIFIED);
  if (main && folded.length > 0)
    Object.assign(main, hitFor(run, NOT_VERIFIED, accepted(NOT_VERIFIED), folded));
  return { hits, passedRuleIds };
}

/** Every case of the rule refused (none inconclusive), and for re-signed cases, the secret shown to be the server's. */
function passes(outcomes: readonly ProbeOutcome[], resignedTrusted: boolean): boolean {
  if (outcomes.length === 0 || !outcomes.every((o) => o.verdict === 'rejected')) return false;
  return resignedTrusted || !outcomes.some((o) => RESIGNED.has(o.kind));
}
