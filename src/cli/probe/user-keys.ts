import type { ProbeMaterial } from '../../core/probe';
import type { ParsedArgs } from '../args';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { loadUserKeys } from '../keys';

/**
 * The keys given with `--jwks` as one key set for the planner, beside those the capture holds: a one-exchange
 * HAR (the panel's "Probe this request…") carries no key set of its own. A file that cannot be read is a
 * usage error, as for `scan`; a bad key inside one is a warning.
 */
export async function userKeyDocuments(args: ParsedArgs, io: CliIo): Promise<ProbeMaterial['keyDocuments']> {
  const paths = args.values('jwks');
  if (paths.length === 0) return [];
  const { keys, errors } = await loadUserKeys(paths, (path) => io.readFile(path));
  const unreadable = errors.find((e) => /ENOENT|no such file|not a file|permission/i.test(e));
  if (unreadable) throw new CliError(`--jwks ${unreadable}`);
  for (const error of errors)
    io.stderr.write(`jwt-lens: warning: --jwks ${error.replace(/[\r\n]+/g, ' ')}\n`);
  if (keys.length === 0) return [];
  return [{ kind: 'jwks', url: paths.join(', '), json: { keys: keys.map((key) => key.original) } }];
}
