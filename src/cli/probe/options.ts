import type { OptionSpec } from '../args';
import { CliError } from '../errors';

/** Default per-request timeout, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

const PROBE = ['probe'];

/** The options of `probe` only; main.ts spreads them into its option table. */
export const PROBE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'entry',
    kind: 'value',
    commands: PROBE,
    arg: 'index|URL substring',
    help:
      'The HAR entry to replay: its index, counted from 0 in file order, or text its URL contains (the ' +
      'first such entry that carries a token). Required.',
  },
  {
    name: 'token',
    kind: 'value',
    commands: PROBE,
    arg: 'fingerprint',
    help: 'Which token of the entry to tamper with (its fingerprint, or the start of it), when it carries several.',
  },
  {
    name: 'allow-host',
    kind: 'list',
    commands: PROBE,
    arg: 'host',
    help:
      'Allow probing this host (repeatable). Without it only loopback (localhost, 127.0.0.0/8, ::1) is ' +
      'probed. Requests only ever go to the origin of the original request.',
  },
  {
    name: 'allow-unsafe-methods',
    kind: 'flag',
    commands: PROBE,
    help:
      'Allow replaying a request whose method is not GET, HEAD or OPTIONS: every probe request repeats it, ' +
      'and it can change data.',
  },
  {
    name: 'dry-run',
    kind: 'flag',
    commands: PROBE,
    help: 'Print every request the probe would send (method, masked URL, what changes) and send nothing.',
  },
  {
    name: 'timeout',
    kind: 'value',
    commands: PROBE,
    arg: 'seconds',
    help: `Give up on a request after this long (default ${DEFAULT_TIMEOUT_SECONDS}).`,
  },
];

/** `--timeout` in milliseconds: a positive number of seconds, at most an hour. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0 || seconds > 3600)
    throw new CliError(`option --timeout: "${value}" is not a number of seconds from 0.001 to 3600`);
  return Math.max(1, Math.round(seconds * 1000));
}
