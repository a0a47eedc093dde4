import { CliError } from './errors';

/** One command-line option. The table of these drives parsing, validation and `--help`. */
export interface OptionSpec {
  /** Long name without dashes: `format` for `--format`. */
  name: string;
  /** `flag`: no value; `value`: one value (the last one given wins); `list`: repeatable. */
  kind: 'flag' | 'value' | 'list';
  /** Commands that accept it; options valid everywhere list every command. */
  commands: readonly string[];
  /** Allowed values, checked while parsing. */
  choices?: readonly string[];
  /** Placeholder shown in help: `--policy <file>`. */
  arg?: string;
  short?: string;
  help: string;
}

/** What the command line asked for. */
export interface ParsedArgs {
  command: string;
  positionals: string[];
  flag(name: string): boolean;
  value(name: string): string | undefined;
  values(name: string): string[];
}

/**
 * Parses `argv` for one command against the option table: `--name value`, `--name=value`, short
 * aliases, `--` to end options, and `-` as a positional (standard input). Unknown or misplaced
 * options are errors with a suggestion (`unknown option --formt (did you mean --format?)`).
 */
export function parseArgs(
  command: string,
  argv: readonly string[],
  options: readonly OptionSpec[],
): ParsedArgs {
  const given = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const spec = findOption(key, command, options);
    let value: string | undefined = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    if (spec.kind === 'flag') {
      if (value !== undefined) throw new CliError(`option --${spec.name} takes no value`);
      value = '';
    } else if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new CliError(`option --${spec.name} needs a value${hint(spec)}`);
    }
    if (spec.choices && spec.kind !== 'flag' && !spec.choices.includes(value)) {
      throw new CliError(`option --${spec.name}: "${value}" is not one of ${spec.choices.join(', ')}`);
    }
    given.set(spec.name, [...(given.get(spec.name) ?? []), value]);
  }
  return {
    command,
    positionals,
    flag: (name) => given.has(name),
    value: (name) => given.get(name)?.at(-1),
    values: (name) => given.get(name) ?? [],
  };
}

function hint(spec: OptionSpec): string {
  if (spec.choices) return ` (${spec.choices.join('|')})`;
  return spec.arg ? ` (${spec.arg})` : '';
}

function findOption(key: string, command: string, options: readonly OptionSpec[]): OptionSpec {
  const isLong = key.startsWith('--');
  const name = key.replace(/^--?/, '');
  const spec = options.find((o) => (isLong ? o.name === name : o.short === name));
  if (spec?.commands.includes(command)) return spec;
  if (spec) throw new CliError(`option ${key} does not apply to ${command}`);
  const known = options.filter((o) => o.commands.includes(command)).map((o) => o.name);
  const guess = suggest(name, known);
  throw new CliError(`unknown option ${key}${guess ? ` (did you mean --${guess}?)` : ''}`);
}

/** The closest known word, when it is close enough to be a typo (edit distance ≤ 2, or a prefix). */
export function suggest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = candidate.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (`scna` → `scan` is one edit). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]?.push(j);
        continue;
      }
      const row = rows[i] as number[];
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}
