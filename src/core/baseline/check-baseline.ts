import { type Check, checkStrings } from '../policy/check-fields';
import { describeJson, isJsonObject } from '../policy/describe-json';
import { checkChoice, checkCount, checkObject, checkShape, checkText, checkTime } from './check-parts';
import { checkProfile } from './check-profile';
import { profileKeyText } from './profile-key';
import type { Baseline, TokenProfile } from './types';

/** The version this build reads and writes. */
export const BASELINE_VERSION = 1;
const STATUSES = ['pass', 'fail', 'not-observed', 'partial'] as const;
/** `$schema` is accepted and ignored, for editor support (as in a policy). */
const TOP = ['$schema', 'baselineVersion', 'generatedBy', 'learnedFrom', 'profiles', 'controls'];

function checkLearnedFrom(check: Check, path: string, value: unknown): void {
  const from = checkShape(check, path, value, {
    what: 'an object with inputs, tokens and requests',
    required: ['inputs', 'tokens', 'requests'],
    optional: ['timeRange', 'captures'],
  });
  if (!from) return;
  checkStrings(check, `${path}.inputs`, from.inputs, 'input name');
  if (Object.hasOwn(from, 'captures'))
    checkStrings(check, `${path}.captures`, from.captures, 'capture digest');
  checkCount(check, `${path}.tokens`, from.tokens);
  checkCount(check, `${path}.requests`, from.requests);
  if (!Object.hasOwn(from, 'timeRange')) return;
  const range = checkShape(check, `${path}.timeRange`, from.timeRange, {
    what: 'an object with start and end',
    required: ['start', 'end'],
  });
  if (range) {
    checkTime(check, `${path}.timeRange.start`, range.start, false);
    checkTime(check, `${path}.timeRange.end`, range.end, false);
  }
}

/** Profiles, each valid, and no two for the same issuer, purpose and place. */
function checkProfiles(check: Check, path: string, value: unknown): void {
  if (!Array.isArray(value)) {
    check.errors.push(`${path}: expected an array of token profiles, got ${describeJson(value)}`);
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    if (!checkProfile(check, `${path}[${i}]`, item)) return;
    const key = profileKeyText(item as TokenProfile);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else
      check.errors.push(
        `${path}[${i}]: the same issuer, purpose and place as ${path}[${first}] (merge the two profiles)`,
      );
  });
}

function checkControls(check: Check, path: string, value: unknown): void {
  const controls = checkObject(check, path, value, 'an object mapping "framework/control" to a status');
  if (!controls) return;
  for (const [key, status] of Object.entries(controls)) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (!/^[a-z0-9-]+\/\S/.test(key)) check.errors.push(`${at}: expected a "framework/control" key`);
    checkChoice(check, at, status, STATUSES);
  }
}

/**
 * Validates a baseline (parsed JSON of any shape) found at `path` (`baseline`, or `policy.baseline`):
 * every problem with its JSON path, unknown keys included. The baseline when valid; never throws.
 */
export function checkBaseline(check: Check, path: string, value: unknown): Baseline | undefined {
  if (!isJsonObject(value) || !Object.hasOwn(value, 'baselineVersion')) {
    const got = isJsonObject(value) ? 'an object without baselineVersion' : describeJson(value);
    check.errors.push(
      `${path}: not a JWT Lens baseline (expected an object with baselineVersion, got ${got})`,
    );
    return undefined;
  }
  if (value.baselineVersion !== BASELINE_VERSION) {
    check.errors.push(
      `${path}.baselineVersion: expected ${BASELINE_VERSION} (the version this jwt-lens reads), got ${describeJson(value.baselineVersion)}`,
    );
    return undefined;
  }
  const before = check.errors.length;
  const required = ['generatedBy', 'learnedFrom', 'profiles'];
  const top = checkShape(check, path, value, { what: 'a baseline', required, optional: TOP });
  if (!top) return undefined;
  const by = checkShape(check, `${path}.generatedBy`, top.generatedBy, {
    what: 'an object with name and version',
    required: ['name', 'version'],
  });
  if (by) for (const key of ['name', 'version']) checkText(check, `${path}.generatedBy.${key}`, by[key]);
  checkLearnedFrom(check, `${path}.learnedFrom`, top.learnedFrom);
  checkProfiles(check, `${path}.profiles`, top.profiles);
  if (Object.hasOwn(top, 'controls')) checkControls(check, `${path}.controls`, top.controls);
  if (check.errors.length > before) return undefined;
  const baseline = { ...top };
  delete baseline.$schema;
  return baseline as unknown as Baseline;
}
