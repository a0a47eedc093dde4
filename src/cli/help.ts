import { MAX_PROBE_CASES } from '../core/probe';
import type { OptionSpec } from './args';
import { TOOL } from './version';

/** Commands with their synopsis and one-line purpose. */
export const COMMAND_HELP: Record<string, { synopsis: string; summary: string }> = {
  scan: {
    synopsis: 'scan <file...|->',
    summary:
      'Audit every JWT in HAR files (.har/.json, or any JSON with log.entries) or token lists (any other ' +
      'file, or - for stdin: each non-empty line is one token, judged even if malformed).',
  },
  decode: {
    synopsis: 'decode <token|->',
    summary: 'Show a token’s header and claims with readable times (ISO and relative), then its findings.',
  },
  baseline: {
    synopsis: 'baseline <capture...|-> [-o jwt-baseline.json | --update jwt-baseline.json]',
    summary:
      'Learn what the tokens of these captures normally look like, per issuer and purpose (algorithms, key ' +
      'ids, claim names and types, audiences, lifetimes, recipient hosts, carriers, rates, server answers), ' +
      'for `scan --baseline` to report drift. The file holds no token, signature or claim value but iss, ' +
      'aud, alg, kid, typ and host names; it is written for review (one fact per line) and may be edited.',
  },
  probe: {
    synopsis: 'probe <file.har> --entry <index|URL substring>',
    summary:
      'Prove what the server accepts: replay one captured request that carried a JWT, unchanged, without the ' +
      'token, then with each tampered token (alg none, stripped or corrupted signature, changed claim, ' +
      'psychic ECDSA signature, embedded jwk, HS256 signed with the public key, kid injection; re-signed ' +
      'expired, post-dated and re-addressed tokens when a weak secret is recovered). One request at a time, ' +
      `at most ${MAX_PROBE_CASES}, to the original request's origin only; loopback only unless --allow-host; ` +
      'redirects are not followed. Findings are probe-* rules; a rejected probe is a pass.',
  },
};

const EXIT_CODES = [
  'Exit codes:',
  '  0  ran; no finding at or above --fail-on (without --fail-on, findings never fail the run)',
  '  1  at least one finding at or above --fail-on',
  '  2  usage or input error, or no probe could run (one line on stderr naming the file or entry, the',
  '     place and the problem)',
];

const PRIVACY =
  'Reports are redacted by default: tokens appear as fingerprint and masked form (signature dropped), ' +
  'personal claim values are masked. scan and decode send nothing over the network. probe sends only ' +
  'when run, only the requests --dry-run lists, only to the origin of the captured request (its token, ' +
  'tampered, in the place it was found); its report never holds the token or its signature.';

/** Usage for the whole tool, or for one command; options come from the option table. */
export function formatHelp(options: readonly OptionSpec[], command?: string): string {
  const commands = command ? [command] : Object.keys(COMMAND_HELP);
  const lines = [`${TOOL.name} ${TOOL.version}: audit JSON Web Tokens in web traffic`, ''];
  lines.push(
    `Usage: ${TOOL.name} ${command ? (COMMAND_HELP[command]?.synopsis ?? command) : '<command>'} [options]`,
    '',
  );
  lines.push('Commands:');
  for (const name of commands) {
    const help = COMMAND_HELP[name];
    if (help) lines.push(`  ${help.synopsis}`, ...wrap(help.summary, 6));
  }
  lines.push('', 'Options:');
  for (const option of options.filter((o) => commands.some((c) => o.commands.includes(c)))) {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${option.name}${option.arg ? ` <${option.arg}>` : ''}`;
    const scope =
      command || option.commands.length === commands.length ? '' : ` (${option.commands.join(', ')})`;
    lines.push(`  ${flag}`, ...wrap(`${option.help}${scope}`, 6));
  }
  lines.push('', ...EXIT_CODES, '', ...wrap(PRIVACY, 0));
  return `${lines.join('\n')}\n`;
}

/** Wraps prose at 100 columns with a hanging indent. */
function wrap(text: string, indent: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 100 - indent) {
      out.push(' '.repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(' '.repeat(indent) + line);
  return out;
}
