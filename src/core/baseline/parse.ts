import { describeJsonError } from '../capture/json-error';
import type { Check } from '../policy/check-fields';
import { checkBaseline } from './check-baseline';
import type { BaselineParse } from './types';

/** Problems named in the one-line error; the rest are counted. */
const MAX_LISTED = 3;

/**
 * Parses and validates a baseline file's text. Any problem is one line naming `source`, the place and the
 * problem, as for a policy (`jwt-baseline.json: baseline.profiles[2].purpose: expected one of …`, or
 * `jwt-baseline.json: not valid JSON: … at line 4, column 7 (byte 61)`). Never throws.
 */
export function parseBaseline(text: string, source: string): BaselineParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return {
      error: `${source}: ${describeJsonError(body, error instanceof Error ? error.message : String(error))}`,
    };
  }
  const check: Check = { errors: [] };
  const baseline = checkBaseline(check, 'baseline', json);
  if (baseline) return { baseline };
  const listed = check.errors.slice(0, MAX_LISTED).join('; ');
  const more = check.errors.length > MAX_LISTED ? ` (and ${check.errors.length - MAX_LISTED} more)` : '';
  return { error: `${source}: ${oneLine(listed)}${more}` };
}

/** Names from a hand-edited file could hold line breaks: the error stays on one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
