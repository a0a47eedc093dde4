import { type Check, checkStrings } from '../policy/check-fields';
import type { Where } from '../types';
import {
  checkChoice,
  checkCount,
  checkNumber,
  checkObject,
  checkShape,
  checkSpans,
  checkText,
} from './check-parts';
import type { BaselinePurpose, ClaimType, TokenProfile } from './types';

const PURPOSES: readonly BaselinePurpose[] = ['access', 'id', 'refresh', 'other', 'opaque'];
const CLAIM_TYPES: readonly ClaimType[] = ['string', 'number', 'boolean', 'object', 'array', 'null'];
const WHERE: readonly Where[] = [
  'request-header',
  'request-cookie',
  'set-cookie',
  'query',
  'fragment',
  'path',
  'request-body',
  'response-header',
  'response-body',
  'storage',
  'input',
];
/** The members every profile has (the types' non-optional fields); the others may be absent. */
export const REQUIRED_PROFILE_MEMBERS = [
  'issuer',
  'purpose',
  'tokens',
  'algorithms',
  'keyIds',
  'types',
  'claims',
  'audiences',
  'recipientHosts',
  'transports',
  'carriers',
] as const satisfies readonly (keyof TokenProfile)[];
const OPTIONAL = ['place', 'lifetime', 'issuance', 'responses'] as const;

function checkClaims(check: Check, path: string, value: unknown): void {
  const claims = checkObject(check, path, value, 'an object mapping claim names to {presence, types}');
  if (!claims) return;
  for (const [name, claim] of Object.entries(claims)) {
    const at = `${path}[${JSON.stringify(name)}]`;
    const shape = { what: 'an object with presence and types', required: ['presence', 'types'] };
    const c = checkShape(check, at, claim, shape);
    if (!c) continue;
    checkChoice(check, `${at}.presence`, c.presence, ['always', 'sometimes']);
    if (!Array.isArray(c.types)) {
      check.errors.push(`${at}.types: expected an array of JSON type names (${CLAIM_TYPES.join(', ')})`);
      continue;
    }
    c.types.forEach((type, i) => {
      checkChoice(check, `${at}.types[${i}]`, type, CLAIM_TYPES);
    });
  }
}

/** `{ min, median, max }` in order: a lifetime in seconds, or a rate. */
function checkRange(check: Check, path: string, value: unknown, keys: readonly string[], unit: string): void {
  const range = checkShape(check, path, value, {
    what: `an object with ${keys.join(', ')} (${unit})`,
    required: keys,
  });
  if (!range) return;
  const numbers = keys.map((key) => range[key]);
  if (!keys.every((key, i) => checkNumber(check, `${path}.${key}`, numbers[i], 0))) return;
  for (let i = 1; i < keys.length; i++) {
    if ((numbers[i - 1] as number) > (numbers[i] as number))
      check.errors.push(`${path}: ${keys[i - 1]} must not exceed ${keys[i]}`);
  }
}

function checkCarrier(check: Check, path: string, value: unknown): void {
  const shape = {
    what: 'an object with where and name (and cookie)',
    required: ['where', 'name'],
    optional: ['cookie'],
  };
  const carrier = checkShape(check, path, value, shape);
  if (!carrier) return;
  checkChoice(check, `${path}.where`, carrier.where, WHERE);
  checkText(check, `${path}.name`, carrier.name);
  if (!Object.hasOwn(carrier, 'cookie')) return;
  const flags = ['httpOnly', 'secure', 'hostPrefix'];
  const cookie = checkShape(check, `${path}.cookie`, carrier.cookie, {
    what: 'an object of cookie attributes',
    required: [],
    optional: [...flags, 'sameSite'],
  });
  if (!cookie) return;
  for (const flag of flags)
    if (Object.hasOwn(cookie, flag) && typeof cookie[flag] !== 'boolean')
      check.errors.push(`${path}.cookie.${flag}: expected true or false`);
  if (Object.hasOwn(cookie, 'sameSite')) checkText(check, `${path}.cookie.sameSite`, cookie.sameSite);
}

function checkResponses(check: Check, path: string, value: unknown): void {
  const shape = {
    what: 'an object with uses, rejectedShare and errorCodes',
    required: ['uses', 'rejectedShare', 'errorCodes'],
  };
  const responses = checkShape(check, path, value, shape);
  if (!responses) return;
  checkCount(check, `${path}.uses`, responses.uses);
  checkNumber(check, `${path}.rejectedShare`, responses.rejectedShare, 0, 1);
  checkStrings(check, `${path}.errorCodes`, responses.errorCodes, 'error code');
}

/** One profile of a baseline file; true when it is valid. */
export function checkProfile(check: Check, path: string, value: unknown): value is TokenProfile {
  const before = check.errors.length;
  const p = checkShape(check, path, value, {
    what: 'a token profile (an object)',
    required: REQUIRED_PROFILE_MEMBERS,
    optional: OPTIONAL,
  });
  if (!p) return false;
  checkText(check, `${path}.issuer`, p.issuer);
  checkChoice(check, `${path}.purpose`, p.purpose, PURPOSES);
  if (Object.hasOwn(p, 'place')) checkText(check, `${path}.place`, p.place);
  checkCount(check, `${path}.tokens`, p.tokens);
  checkSpans(check, `${path}.algorithms`, p.algorithms);
  checkSpans(check, `${path}.keyIds`, p.keyIds);
  checkStrings(check, `${path}.types`, p.types, 'typ value');
  checkClaims(check, `${path}.claims`, p.claims);
  checkStrings(check, `${path}.audiences`, p.audiences, 'audience');
  if (Object.hasOwn(p, 'lifetime'))
    checkRange(check, `${path}.lifetime`, p.lifetime, ['min', 'median', 'max'], 'seconds');
  checkStrings(check, `${path}.recipientHosts`, p.recipientHosts, 'host name');
  checkStrings(check, `${path}.transports`, p.transports, 'URL scheme');
  if (Array.isArray(p.carriers))
    p.carriers.forEach((c, i) => {
      checkCarrier(check, `${path}.carriers[${i}]`, c);
    });
  else check.errors.push(`${path}.carriers: expected an array of {where, name}`);
  if (Object.hasOwn(p, 'issuance'))
    checkRange(
      check,
      `${path}.issuance`,
      p.issuance,
      ['perMinuteMedian', 'perMinuteMax'],
      'tokens per minute',
    );
  if (Object.hasOwn(p, 'responses')) checkResponses(check, `${path}.responses`, p.responses);
  return check.errors.length === before;
}
