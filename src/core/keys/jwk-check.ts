import { decodeBase64Url } from '../token/base64url';
import type { PublicJwk } from './types';

/** A JWK that passed the structural checks: its public members, what it declares, and notes worth reporting. */
export interface CheckedJwk {
  ok: true;
  jwk: PublicJwk;
  original: Record<string, unknown>;
  kid?: string;
  alg?: string;
  use?: string;
  keyOps?: string[];
  /** Oddities that do not stop the key being used (private members published, a non-string kid…). */
  notes: string[];
}

export type JwkCheck = CheckedJwk | { ok: false; problem: string };

/** Coordinate length in bytes per supported curve (RFC 7518 §6.2.1.2, RFC 8037 §2). */
const CURVE_BYTES = new Map([
  ['P-256', 32],
  ['P-384', 48],
  ['P-521', 66],
  // Ed448 is left out: jose (and so this tool) cannot verify with it.
  ['Ed25519', 32],
]);

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * The JWK with its private members left out (RSA `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`; EC/OKP `d`; oct `k`),
 * every other member as published: what may be shown or saved of a key set.
 */
export function publicMembersOf(jwk: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)));
}

function fail(problem: string): JwkCheck {
  return { ok: false, problem };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why member `name` is not a base64url value of `bytes` bytes (any length when omitted), or `null`. */
function badMember(jwk: Record<string, unknown>, name: string, bytes?: number): string | null {
  const value = jwk[name];
  if (typeof value !== 'string' || value === '') return `has no "${name}"`;
  const decoded = decodeBase64Url(value);
  if (!decoded.ok) return `"${name}" is not base64url (${decoded.error})`;
  if (bytes !== undefined && decoded.bytes.length !== bytes) {
    return `"${name}" is ${decoded.bytes.length} bytes, ${jwk.crv} needs ${bytes}`;
  }
  return null;
}

function firstBad(jwk: Record<string, unknown>, members: string[], bytes?: number): string | null {
  for (const name of members) {
    const bad = badMember(jwk, name, bytes);
    if (bad) return bad;
  }
  return null;
}

/** The public part of an RSA/EC/OKP JWK, or why it has none this tool can use. */
function publicPart(jwk: Record<string, unknown>): PublicJwk | string {
  const { kty, crv } = jwk;
  if (typeof kty !== 'string') return 'has no "kty"';
  if (kty === 'oct') return 'is a symmetric (oct) key: a shared secret has no place in a published key set';
  if (kty === 'RSA') return firstBad(jwk, ['n', 'e']) ?? { kty, n: jwk.n as string, e: jwk.e as string };
  if (kty !== 'EC' && kty !== 'OKP') return `has unsupported kty "${kty.slice(0, 40)}"`;
  if (typeof crv !== 'string') return 'has no "crv"';
  if (crv === 'X25519' || crv === 'X448') return `is an ${crv} key-agreement key, not a signing key`;
  const bytes = CURVE_BYTES.get(crv);
  if (bytes === undefined || (kty === 'EC') !== crv.startsWith('P-')) {
    return `has curve "${crv.slice(0, 40)}", which this tool cannot verify with`;
  }
  if (kty === 'OKP') return badMember(jwk, 'x', bytes) ?? { kty, crv, x: jwk.x as string };
  return firstBad(jwk, ['x', 'y'], bytes) ?? { kty, crv, x: jwk.x as string, y: jwk.y as string };
}

function declared(jwk: Record<string, unknown>, name: string, notes: string[]): string | undefined {
  const value = jwk[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  notes.push(`"${name}" is not a string (ignored)`);
  return undefined;
}

function declaredOps(jwk: Record<string, unknown>, notes: string[]): string[] | undefined {
  const ops = jwk.key_ops;
  if (ops === undefined) return undefined;
  if (Array.isArray(ops) && ops.every((op) => typeof op === 'string')) return ops;
  notes.push('"key_ops" is not an array of strings (ignored)');
  return undefined;
}

/**
 * Checks one untrusted JWK (RFC 7517 §4) as found in a key set. Never throws. The cryptographic validity of
 * the key (an EC point on its curve, a usable modulus) is left to WebCrypto's import, which follows.
 */
export function checkJwk(value: unknown): JwkCheck {
  if (!isObject(value)) return fail('is not a JSON object');
  const jwk = publicPart(value);
  if (typeof jwk === 'string') return fail(jwk);
  const notes: string[] = [];
  const secret = PRIVATE_MEMBERS.filter((name) => value[name] !== undefined);
  if (secret.length > 0) {
    notes.push(`carries private member(s) ${secret.join(', ')}: the private key is published with it`);
  }
  const result: CheckedJwk = { ok: true, jwk, original: value, notes };
  const kid = declared(value, 'kid', notes);
  const alg = declared(value, 'alg', notes);
  const use = declared(value, 'use', notes);
  const keyOps = declaredOps(value, notes);
  if (kid !== undefined) result.kid = kid;
  if (alg !== undefined) result.alg = alg;
  if (use !== undefined) result.use = use;
  if (keyOps !== undefined) result.keyOps = keyOps;
  return result;
}
