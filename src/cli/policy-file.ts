import { describeJsonError } from '../core/capture/json-error';
import { DEFAULT_POLICY, resolvePolicy } from '../core/policy';
import { RULE_IDS } from '../core/rules/catalog';
import type { Policy } from '../core/types';
import { CliError, describeFsError } from './errors';
import type { CliIo } from './io';

/** Errors listed in the one-line message; the rest are counted. */
const MAX_LISTED = 3;

/**
 * The policy for a run: the defaults, or `--policy <file>` validated against the rule catalog.
 * Any problem is one line naming the file and the exact place (`p.json: ignore[2].ruleId: …`).
 */
export async function loadPolicy(path: string | undefined, io: CliIo): Promise<Policy> {
  if (path === undefined) return DEFAULT_POLICY;
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error) {
    throw new CliError(`${path}: ${describeFsError(error)}`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new CliError(
      `${path}: ${describeJsonError(body, error instanceof Error ? error.message : String(error))}`,
    );
  }
  const resolved = resolvePolicy(json, RULE_IDS);
  if (resolved.ok) return resolved.policy;
  const listed = resolved.errors.slice(0, MAX_LISTED).join('; ');
  const more =
    resolved.errors.length > MAX_LISTED ? ` (and ${resolved.errors.length - MAX_LISTED} more)` : '';
  throw new CliError(`${path}: invalid policy: ${listed}${more}`);
}
