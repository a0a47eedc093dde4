import { type Baseline, parseBaseline } from '../core/baseline';
import type { Policy } from '../core/types';
import { CliError, describeFsError } from './errors';
import type { CliIo } from './io';

/**
 * Reads and validates a baseline file. Any problem is one line naming the file, the place and the problem
 * (`jwt-baseline.json: baseline.profiles[2].purpose: expected one of …`): a usage error, exit 2.
 */
export async function loadBaselineFile(path: string, io: CliIo): Promise<Baseline> {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error) {
    throw new CliError(`${path}: ${describeFsError(error)}`);
  }
  const parsed = parseBaseline(text, path === '-' ? 'stdin' : path);
  if ('error' in parsed) throw new CliError(parsed.error);
  return parsed.baseline;
}

/**
 * The baseline a scan compares with: `--baseline <file>` when given (it wins over one kept in the policy,
 * as a command-line option wins over a settings file), else the policy's `baseline`, else none.
 */
export async function chooseBaseline(
  path: string | undefined,
  policy: Policy,
  io: CliIo,
): Promise<Baseline | undefined> {
  return path === undefined ? policy.baseline : loadBaselineFile(path, io);
}
