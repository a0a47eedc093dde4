import { prepareTokenChecks } from '../core/keys';
import type { OptionSpec } from './args';
import { CliError } from './errors';
import { loadUserKeys } from './keys';
import { createNodeVerifier } from './node-verify';
import type { ScanStep } from './scan';

/** The signature options of `scan`; main.ts spreads them into its option table. */
export const VERIFY_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'jwks',
    kind: 'list',
    commands: ['scan', 'probe'],
    arg: 'file',
    help:
      'Verify signatures with these keys too: a JWK Set, a JWK, or PEM public keys/certificates (repeatable). ' +
      'probe: the issuer keys its alg-confusion cases use, beside the key sets in the capture.',
  },
  {
    name: 'verify-each',
    kind: 'flag',
    commands: ['scan'],
    help:
      'Probe the published example keys with every signed token, not one per signing key (same alg, iss, kid ' +
      'and host): slower on large captures, but it also catches a token signed with a published key beside ' +
      'tokens of the same iss and kid signed with another key. Every token is verified against the key sets ' +
      'either way.',
  },
];

/** Tokens whose signature checks are in flight at once: enough to keep the thread pool busy while this
 * thread does other work, few enough that queued checks stay a few megabytes. */
const CONCURRENCY = 2048;

/**
 * The scan step that answers "is the signature real?": every JWS is checked against the key sets and
 * discovery documents seen in the inputs and the keys given with `--jwks`. Nothing is fetched. A key
 * file that cannot be read at all is a usage error (exit 2); a bad key inside one is a warning. The
 * checks are under way when `start` resolves (ECDSA and EdDSA ones on libuv's thread pool), so the
 * next step works meanwhile.
 */
export function createVerifyStep(): ScanStep {
  return {
    async start({ records, args, io, keyDocuments, problems }) {
      const paths = args.values('jwks');
      const { keys, errors } = await loadUserKeys(paths, (path) => io.readFile(path));
      const unreadable = errors.find((e) => /ENOENT|no such file|not a file|permission/i.test(e));
      if (unreadable) throw new CliError(`--jwks ${unreadable}`);
      problems.push(...errors);
      const options = {
        verifier: createNodeVerifier(),
        concurrency: CONCURRENCY,
        eachToken: args.flag('verify-each'),
      };
      const checks = await prepareTokenChecks(keyDocuments, keys, options);
      const hits = checks.check(records).then((result) => {
        problems.push(...result.problems);
        return result.hits;
      });
      return { hits };
    },
  };
}
