import type { JsonObject, TokenRule } from '../../types';
import { algOf, has, listNames, NO_HITS, show, usableClaims, usableHeader } from './token-parts';

/** MAC algorithms: a DPoP proof must not use one (RFC 9449 §4.2). */
const MAC = /^HS\d+$/i;

function algProblem(header: JsonObject): string | undefined {
  const alg = algOf(header);
  if (alg === undefined) return undefined; // alg-unregistered says it
  if (alg.toLowerCase() === 'none') return 'alg is "none"';
  return MAC.test(alg) ? `alg is "${alg}", a MAC: a proof must be signed with an asymmetric key` : undefined;
}

function jwkProblem(header: JsonObject): string | undefined {
  const jwk = header.jwk;
  if (!has(header, 'jwk')) return 'no "jwk" header carries the public key it was signed with';
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    return `"jwk" is ${show(jwk)}, not a JWK`;
  return typeof (jwk as JsonObject).kty === 'string' ? undefined : '"jwk" has no "kty"';
}

/** `htm`/`htu`: absent, or not a string; `ath`: present but not a string. */
function claimProblems(claims: JsonObject): string[] {
  const problems: string[] = [];
  const absent = ['htm', 'htu'].filter((name) => !has(claims, name));
  if (absent.length > 0) problems.push(`no ${listNames(absent.map((n) => `"${n}"`))} binds it to a request`);
  for (const name of ['htm', 'htu', 'ath'])
    if (has(claims, name) && typeof claims[name] !== 'string')
      problems.push(`"${name}" is ${show(claims[name])}, not a string`);
  return problems;
}

/**
 * `dpop-proof-nonconformant`: a DPoP proof without what RFC 9449 §4.2 requires and §4.3 checks: an
 * asymmetric `alg`, a public key in `jwk`, `htm` and `htu` (a string `ath` when there). Missing `jti` and
 * `iat`, typing and a private key in `jwk` have their own rules (`jti-missing`, `iat-missing`,
 * `typ-not-explicit`, `hdr-jwk-embedded`).
 */
export const checkDpopProof: TokenRule = ({ record }) => {
  if (record.purpose !== 'dpop') return NO_HITS;
  const header = usableHeader(record.token);
  const claims = usableClaims(record.token);
  if (!header) return NO_HITS;
  const problems = [algProblem(header), jwkProblem(header), ...(claims ? claimProblems(claims) : [])].filter(
    (p): p is string => p !== undefined,
  );
  if (problems.length === 0) return NO_HITS;
  return [
    {
      ruleId: 'dpop-proof-nonconformant',
      detail: `A DPoP proof that RFC 9449 §4.2 says a server must reject: ${problems.join('; ')}.`,
    },
  ];
};

/** Rules about DPoP proofs (RFC 9449). */
export const DPOP_RULES: readonly TokenRule[] = [checkDpopProof];
