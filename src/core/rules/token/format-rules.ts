import type { ParsedToken, RuleHit, TokenRule } from '../../types';
import { brokenJws, NO_HITS } from './token-parts';

/** At most this many parser messages in one detail; the rest are counted. */
const MAX_LISTED = 5;

function joinMessages(messages: readonly string[]): string {
  const listed = messages.slice(0, MAX_LISTED).join('; ');
  const more = messages.length > MAX_LISTED ? ` (and ${messages.length - MAX_LISTED} more)` : '';
  return `${listed}${more}`;
}

/** The start of a JOSE header only (`eyJ…`): enough to recognise the token, never a payload or secret. */
function startEvidence(text: string): { label: string; value: string }[] {
  return text.startsWith('eyJ') ? [{ label: 'token start', value: `${text.slice(0, 12)}…` }] : [];
}

/**
 * What was still judged of a broken three-segment JWS (`brokenJws`), after its errors: every part that
 * decoded completely is, and the signature never is. Empty for other malformed tokens, judged not at all.
 */
function judgedParts(token: ParsedToken): string {
  if (!brokenJws(token) || !token.header) return '';
  if (token.brokenSegment === 2) {
    return ' Only the signature segment is broken: the header and payload decoded completely and are judged, but the signature was not checked.';
  }
  const payload =
    token.claims !== undefined || token.nested !== undefined || token.payloadProblem !== undefined;
  const claims = payload
    ? 'the payload decoded completely and is judged'
    : 'the payload did not decode completely, so no claim is judged';
  return ` The header decoded into a JSON object and is judged; ${claims}; the signature was not checked.`;
}

/**
 * `fmt-malformed`: the parser's exact errors, as one hit (each names the broken segment). A token that parsed but carried oddities
 * (duplicate JSON keys, `__proto__` keys, non-canonical base64url, nesting cut short) gets the same rule
 * id at `low`: such tokens are read differently by different libraries (RFC 8725 §2.6, §3.7), which is
 * the same parser-differential risk at a lower certainty.
 */
export const checkFmtMalformed: TokenRule = ({ record }) => {
  const { token } = record;
  const hits: RuleHit[] = [];
  if (token.kind === 'malformed' || token.errors.length > 0) {
    const errors = token.errors.length > 0 ? token.errors : ['token could not be parsed'];
    const judged = judgedParts(token);
    hits.push({
      ruleId: 'fmt-malformed',
      detail: `Malformed token: ${joinMessages(errors)}.${judged}`,
      evidence: startEvidence(token.text),
    });
  } else if (token.warnings.length > 0) {
    hits.push({
      ruleId: 'fmt-malformed',
      severity: 'low',
      detail: `Token parsed, but with oddities parsers disagree on: ${joinMessages(token.warnings)}.`,
    });
  }
  return hits;
};

/** `payload-not-jwt-claims`: a well-formed JWS whose payload is not a JSON object (RFC 7519 §7.2). */
export const checkPayloadNotClaims: TokenRule = ({ record }) => {
  const { token } = record;
  const wellFormed = (token.kind === 'jws' || token.kind === 'unsecured') && token.errors.length === 0;
  if (!wellFormed && !brokenJws(token)) return NO_HITS;
  if (token.claims || token.nested || token.payloadProblem === undefined) return NO_HITS;
  return [
    {
      ruleId: 'payload-not-jwt-claims',
      detail: `The payload is not a JWT claims set: ${token.payloadProblem}.`,
    },
  ];
};

/** Rules about the token's syntax. */
export const FORMAT_RULES: readonly TokenRule[] = [checkFmtMalformed, checkPayloadNotClaims];
