import { isHmacAlg } from '../keys/alg-compat';
import type { JsonObject } from '../types';
import { encodeSegment, hmacSign, type ProbeToken, type Tampered, withMembers } from './token-parts';
import type { ProbeMaterial } from './types';

const HOUR = 3600;
/** An audience no server serves (RFC 2606 reserves `.invalid`). */
export const FOREIGN_AUDIENCE = 'https://another-audience.jwt-lens.invalid';
export const FOREIGN_SUBJECT = 'jwt-lens-probe-subject';

function numberClaim(claims: JsonObject, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The token's lifetime (`exp − iat`, else `exp − nbf`), or an hour when it does not say. */
function lifetimeOf(claims: JsonObject): number {
  const exp = numberClaim(claims, 'exp');
  const start = numberClaim(claims, 'iat') ?? numberClaim(claims, 'nbf');
  return exp !== undefined && start !== undefined && exp > start ? exp - start : HOUR;
}

/** Every time claim shifted so that the token expired an hour ago, its lifetime kept. */
function expiredClaims(claims: JsonObject, now: number): JsonObject {
  const exp = now - HOUR;
  const start = exp - lifetimeOf(claims);
  const changes: Record<string, unknown> = { exp };
  if (numberClaim(claims, 'iat') !== undefined) changes.iat = start;
  if (numberClaim(claims, 'nbf') !== undefined) changes.nbf = start;
  return withMembers(claims, changes);
}

/** `nbf` an hour ahead, and `exp` moved past it when it would come first. */
function notYetValidClaims(claims: JsonObject, now: number): JsonObject {
  const nbf = now + HOUR;
  const exp = numberClaim(claims, 'exp');
  const changes: Record<string, unknown> = { nbf };
  if (exp === undefined || exp < nbf + 60) changes.exp = nbf + lifetimeOf(claims);
  return withMembers(claims, changes);
}

interface Resign {
  kind: Tampered['kind'];
  change: string;
  claims: JsonObject;
}

function cases(t: ProbeToken, now: number): Resign[] {
  const { claims } = t;
  const out: Resign[] = [
    { kind: 'expired', change: 'expired an hour ago', claims: expiredClaims(claims, now) },
    { kind: 'not-yet-valid', change: 'nbf an hour ahead', claims: notYetValidClaims(claims, now) },
  ];
  // A server cannot check an audience its tokens never carry: that is aud-missing, seen passively.
  if (claims.aud !== undefined) {
    const aud = Array.isArray(claims.aud) ? [FOREIGN_AUDIENCE] : FOREIGN_AUDIENCE;
    out.push({
      kind: 'wrong-audience',
      change: `aud set to "${FOREIGN_AUDIENCE}"`,
      claims: withMembers(claims, { aud }),
    });
  }
  if (typeof claims.sub === 'string')
    out.push({
      kind: 'wrong-subject',
      change: `sub set to "${FOREIGN_SUBJECT}"`,
      claims: withMembers(claims, { sub: FOREIGN_SUBJECT }),
    });
  return out;
}

/**
 * With the token's weak HMAC secret recovered: the token re-signed with it, each time with one claim
 * changed. `wrong-subject` raises no finding of its own: a valid token for another subject proves the
 * recovered secret is the one the server verifies with, which makes the refusals of the others meaningful.
 */
export function resignedRecipes(t: ProbeToken, material: ProbeMaterial): Tampered[] {
  const secret = material.recoveredSecret;
  if (!secret || !isHmacAlg(t.alg) || !Number.isFinite(material.now)) return [];
  return cases(t, Math.floor(material.now)).map(({ kind, change, claims }) => ({
    id: kind,
    kind,
    change: `re-signed with the recovered secret, ${change}`,
    token: hmacSign(t.header, encodeSegment(claims), secret),
  }));
}
