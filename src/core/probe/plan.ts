import { parseToken } from '../token/parse-token';
import { algConfusionRecipes } from './recipe-alg-confusion';
import { embeddedJwkRecipe } from './recipe-embedded-jwk';
import { kidInjectionRecipe } from './recipe-kid';
import { resignedRecipes } from './recipes-resigned';
import { signatureRecipes } from './recipes-signature';
import { PROBE_RULE } from './rule-ids';
import { editSlot } from './slot';
import type { ProbeToken, Tampered } from './token-parts';
import type { ProbeCase, ProbeMaterial, ProbeRequest, TokenSlot } from './types';

/** Cases a plan holds at most, baseline and negative control included (the sender's per-run limit). */
export const MAX_PROBE_CASES = 30;

/** The token's parts when it is a signed compact JWS with a JSON claims set, else why it cannot be probed. */
export function probeTokenOf(text: string): ProbeToken | { error: string } {
  const parsed = parseToken(text);
  if (parsed.kind !== 'jws') {
    const what =
      parsed.kind === 'unsecured'
        ? 'unsigned (alg none)'
        : parsed.kind === 'jwe'
          ? 'encrypted (JWE)'
          : parsed.kind;
    return { error: `the token is ${what}, not a signed JWS: there is no signature to tamper with` };
  }
  const { header, claims, signature, segments } = parsed;
  const alg = header?.alg;
  if (!header || typeof alg !== 'string' || !claims || !signature || signature.length === 0)
    return { error: 'the token has no signature or no JSON claims set to tamper with' };
  const [headerSegment = '', payloadSegment = ''] = segments;
  return { parsed, header, claims, alg, headerSegment, payloadSegment, signature };
}

function slotName(slot: TokenSlot): string {
  return `${slot.where} ${slot.name}`;
}

async function recipes(t: ProbeToken, material: ProbeMaterial): Promise<Tampered[]> {
  const embedded = await embeddedJwkRecipe(t);
  return [
    ...signatureRecipes(t),
    ...(embedded ? [embedded] : []),
    ...(await algConfusionRecipes(t, material)),
    kidInjectionRecipe(t),
    ...resignedRecipes(t, material),
  ];
}

/**
 * Plans every case for one token in one request: the baseline, the negative control, then each tampered
 * token alone (see the recipe files). Never throws: a token that cannot be probed, or a slot that does
 * not hold it, gives `{ error }`. At most `MAX_PROBE_CASES` cases (a cap that drops the re-signed time
 * cases first; today's recipes stay under it: 28 at most).
 */
export async function planProbes(
  request: ProbeRequest,
  slot: TokenSlot,
  token: string,
  material: ProbeMaterial,
): Promise<{ cases: ProbeCase[] } | { error: string }> {
  try {
    const t = probeTokenOf(token);
    if ('error' in t) return t;
    const baseline = editSlot(request, slot, token, token);
    const negative = editSlot(request, slot, token, null);
    if (!baseline || !negative) return { error: `the token is not in ${slotName(slot)} of the request` };
    const cases: ProbeCase[] = [
      { id: 'baseline', kind: 'baseline', change: 'nothing: the request as captured', request: baseline },
      {
        id: 'negative-control',
        kind: 'negative-control',
        change: `token removed from ${slotName(slot)}`,
        request: negative,
      },
    ];
    for (const tampered of await recipes(t, material)) {
      const edited = editSlot(request, slot, token, tampered.token);
      if (!edited) continue;
      const ruleId = PROBE_RULE[tampered.kind];
      cases.push({
        id: tampered.id,
        kind: tampered.kind,
        change: tampered.change,
        ...(ruleId ? { ruleId } : {}),
        request: edited,
      });
    }
    return { cases: cases.slice(0, MAX_PROBE_CASES) };
  } catch (error) {
    return { error: `the probe could not be planned: ${error instanceof Error ? error.name : 'error'}` };
  }
}
