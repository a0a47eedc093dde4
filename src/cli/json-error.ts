/**
 * `describeJsonError` moved to core (`src/core/policy/json-error.ts`) so the baseline parser, which is pure,
 * can name the place in a file that is not JSON. This re-export keeps older imports working.
 */
export { describeJsonError } from '../core/policy/json-error';
