/**
 * Loads and validates the accuracy corpus (test/corpus/FORMAT.md): token files and flow expectations.
 * A bad file yields a precise error (file, entry, field), never a silent skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SEVERITY_ORDER, type Severity } from '../../src/core';

export const CORPUS_DIR = 'test/corpus';
export const PURPOSES = ['access', 'id', 'refresh', 'logout', 'unknown'] as const;
const SELECT_FIELDS = ['purpose', 'kind', 'where', 'name', 'issuer'] as const;
const TOKEN_KEYS = [
  'id',
  'token',
  'now',
  'purpose',
  'required',
  'allowed',
  'forbidden',
  'maxSeverity',
  'why',
];
const HEX40 = /^[0-9a-f]{40}$/;
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export interface Expectation {
  required: string[];
  allowed: string[];
  forbidden: string[];
  /** The most severe each rule may fire at; a rule above its cap is a forbidden finding. */
  maxSeverity?: Readonly<Record<string, Severity>>;
}

export interface Source {
  title: string;
  url?: string;
  repository?: string;
  path?: string;
  commit?: string;
  licence: string;
  /** Flows only: the test that records the flow at test time (no committed HAR). */
  generatedBy?: string;
  /** Generated flows: the npm package and version of the third-party software that produced them. */
  package?: string;
  version?: string;
}

export interface TokenCase extends Expectation {
  id: string;
  token: string;
  now?: string;
  purpose?: string;
  why: string;
  file: string;
  source: Source;
}

export type FlowSelector = Partial<Record<(typeof SELECT_FIELDS)[number], string>>;

export interface FlowTokenExpectation extends Expectation {
  select: FlowSelector;
  why: string;
}

export interface FlowExpect {
  source: Source;
  now?: string;
  tokens: FlowTokenExpectation[];
  exchange: Expectation;
  others: 'forbid' | 'ignore';
}

/** A flow whose HAR is committed beside its expectations: the corpus run scans it. */
export interface FlowCase extends FlowExpect {
  name: string;
  file: string;
  har: string;
}

/** A flow recorded at test time by `generatedBy`, which scores it; the corpus run does not. */
export interface GeneratedFlow extends FlowExpect {
  name: string;
  file: string;
  generatedBy: string;
}

export interface Corpus {
  tokens: TokenCase[];
  flows: FlowCase[];
  generated: GeneratedFlow[];
  errors: string[];
}

type Json = Record<string, unknown>;

/** Reads every token file and flow expectation under `dir`; `errors` lists every problem found. */
export function loadCorpus(ruleIds: readonly string[], dir = CORPUS_DIR): Corpus {
  const known = new Set(ruleIds);
  const errors: string[] = [];
  const tokens = listJson(join(dir, 'tokens'), '.json').flatMap((file) => readTokenFile(file, known, errors));
  const seen = new Map<string, string>();
  for (const token of tokens) {
    const other = seen.get(token.id);
    if (other) errors.push(`${token.file}: token id "${token.id}" is also used in ${other}`);
    else seen.set(token.id, token.file);
  }
  const flows: FlowCase[] = [];
  const generated: GeneratedFlow[] = [];
  for (const file of listJson(join(dir, 'flows'), '.expect.json')) {
    const flow = readFlowFile(file, known, errors);
    if (flow && 'har' in flow) flows.push(flow);
    else if (flow) generated.push(flow);
  }
  return { tokens, flows, generated, errors };
}

/** Reads one flow expectation file, for a test that records the flow itself (`source.generatedBy`). */
export function loadFlowFile(
  file: string,
  ruleIds: readonly string[],
): { flow: FlowCase | GeneratedFlow | undefined; errors: string[] } {
  const errors: string[] = [];
  const flow = readFlowFile(file, new Set(ruleIds), errors);
  return { flow, errors };
}

function listJson(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

function parseFile(file: string, errors: string[]): Json | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isObject(value)) return value;
    errors.push(`${file}: the file is not a JSON object`);
  } catch (error) {
    errors.push(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return undefined;
}

function readTokenFile(file: string, known: ReadonlySet<string>, errors: string[]): TokenCase[] {
  const json = parseFile(file, errors);
  if (!json) return [];
  const source = readSource(json.source, file, errors);
  if (!Array.isArray(json.tokens) || json.tokens.length === 0) {
    errors.push(`${file}: "tokens" must be a non-empty array`);
    return [];
  }
  if (!source) return [];
  if (source.generatedBy !== undefined) errors.push(`${file}: source.generatedBy is for flows only`);
  return json.tokens.flatMap((entry, index) => {
    const token = readToken(entry, `${file}: tokens[${index}]`, known, errors);
    return token ? [{ ...token, file, source }] : [];
  });
}

function readToken(
  entry: unknown,
  where: string,
  known: ReadonlySet<string>,
  errors: string[],
): Omit<TokenCase, 'file' | 'source'> | undefined {
  if (!isObject(entry)) {
    errors.push(`${where}: not an object`);
    return undefined;
  }
  const before = errors.length;
  const id = entry.id;
  const at = typeof id === 'string' ? `${where} (${id})` : where;
  if (typeof id !== 'string' || !CASE_ID.test(id))
    errors.push(`${where}: "id" must be letters, digits, '.', '_', ':' or '-'`);
  for (const key of Object.keys(entry))
    if (!TOKEN_KEYS.includes(key)) errors.push(`${at}: unknown field "${key}"`);
  if (typeof entry.token !== 'string' || entry.token.trim() === '' || /[\r\n]/.test(entry.token))
    errors.push(`${at}: "token" must be the token text, on one line`);
  checkTime(entry.now, `${at}: "now"`, errors);
  if (entry.purpose !== undefined && !PURPOSES.includes(entry.purpose as (typeof PURPOSES)[number]))
    errors.push(`${at}: "purpose" must be one of ${PURPOSES.join(', ')}`);
  if (typeof entry.why !== 'string' || entry.why.trim() === '') errors.push(`${at}: "why" is required`);
  const expectation = readExpectation(entry, at, known, errors);
  if (errors.length > before || !expectation) return undefined;
  return {
    id: id as string,
    token: entry.token as string,
    ...(typeof entry.now === 'string' ? { now: entry.now } : {}),
    ...(typeof entry.purpose === 'string' ? { purpose: entry.purpose } : {}),
    why: entry.why as string,
    ...expectation,
  };
}

function readFlowFile(
  file: string,
  known: ReadonlySet<string>,
  errors: string[],
): FlowCase | GeneratedFlow | undefined {
  const json = parseFile(file, errors);
  if (!json) return undefined;
  const before = errors.length;
  rejectUnknown(json, FLOW_KEYS, file, errors);
  if (isObject(json.exchange)) rejectUnknown(json.exchange, EXPECTATION_KEYS, `${file}: exchange`, errors);
  const name = basename(file, '.expect.json');
  const har = file.replace(/\.expect\.json$/, '.har');
  const source = readSource(json.source, file, errors);
  const generatedBy = readGeneratedBy(json.source, har, file, errors);
  checkTime(json.now, `${file}: "now"`, errors);
  if (json.others !== 'forbid' && json.others !== 'ignore')
    errors.push(`${file}: "others" must be "forbid" or "ignore"`);
  const tokens = Array.isArray(json.tokens) ? json.tokens : [];
  if (!Array.isArray(json.tokens)) errors.push(`${file}: "tokens" must be an array`);
  const expectations = tokens.flatMap((entry, index) => {
    const one = readFlowToken(entry, `${file}: tokens[${index}]`, known, errors);
    return one ? [one] : [];
  });
  const exchange = readExpectation(
    isObject(json.exchange) ? json.exchange : {},
    `${file}: exchange`,
    known,
    errors,
  );
  if (errors.length > before || !source || !exchange) return undefined;
  const flow: FlowExpect = {
    source,
    ...(typeof json.now === 'string' ? { now: json.now } : {}),
    tokens: expectations,
    exchange,
    others: json.others as FlowExpect['others'],
  };
  return generatedBy ? { name, file, generatedBy, ...flow } : { name, file, har, ...flow };
}

/**
 * `source.generatedBy`: the test that records the flow at test time, so no HAR is committed beside it.
 * Without it the HAR must be there; with it, a committed HAR would never be scanned and is an error too.
 */
function readGeneratedBy(source: unknown, har: string, file: string, errors: string[]): string | undefined {
  const value = isObject(source) ? source.generatedBy : undefined;
  if (value === undefined) {
    if (!existsSync(har)) errors.push(`${file}: no capture ${har} beside it (nor a source.generatedBy)`);
    return undefined;
  }
  if (typeof value !== 'string' || !existsSync(value))
    errors.push(`${file}: source.generatedBy must be the path of the test that records the flow`);
  else if (existsSync(har))
    errors.push(`${file}: source.generatedBy says the flow is generated, but ${har} is committed beside it`);
  else return value;
  return undefined;
}

/** Top-level fields of a flow file, and the fields of an expectation (FORMAT.md); a misspelt one is an error. */
const FLOW_KEYS = ['source', 'now', 'why', 'tokens', 'exchange', 'others'];
const EXPECTATION_KEYS = ['required', 'allowed', 'forbidden', 'maxSeverity', 'why'];

function rejectUnknown(json: Json, keys: readonly string[], where: string, errors: string[]): void {
  for (const key of Object.keys(json))
    if (!keys.includes(key)) errors.push(`${where}: unknown field "${key}"`);
}

function readFlowToken(
  entry: unknown,
  where: string,
  known: ReadonlySet<string>,
  errors: string[],
): FlowTokenExpectation | undefined {
  if (!isObject(entry) || !isObject(entry.select)) {
    errors.push(`${where}: needs a "select" object`);
    return undefined;
  }
  rejectUnknown(entry, ['select', ...EXPECTATION_KEYS], where, errors);
  const select: FlowSelector = {};
  for (const [key, value] of Object.entries(entry.select)) {
    if (!SELECT_FIELDS.includes(key as (typeof SELECT_FIELDS)[number]) || typeof value !== 'string')
      errors.push(`${where}: select.${key} is not one of ${SELECT_FIELDS.join(', ')} with a string value`);
    else select[key as keyof FlowSelector] = value;
  }
  if (typeof entry.why !== 'string' || entry.why.trim() === '') errors.push(`${where}: "why" is required`);
  const expectation = readExpectation(entry, where, known, errors);
  return expectation ? { select, why: String(entry.why ?? ''), ...expectation } : undefined;
}

function readExpectation(
  entry: Json,
  where: string,
  known: ReadonlySet<string>,
  errors: string[],
): Expectation | undefined {
  const lists: Partial<Expectation> = {};
  for (const key of ['required', 'allowed', 'forbidden'] as const) {
    const value = entry[key] ?? [];
    if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
      errors.push(`${where}: "${key}" must be an array of rule ids`);
      return undefined;
    }
    for (const id of value as string[])
      if (!known.has(id))
        errors.push(`${where}: "${key}" names "${id}", which is not a rule id of the catalog`);
    lists[key] = value as string[];
  }
  const result = lists as Expectation;
  for (const [a, b] of [
    ['required', 'allowed'],
    ['required', 'forbidden'],
    ['allowed', 'forbidden'],
  ] as const) {
    const both = result[a].filter((id) => result[b].includes(id));
    if (both.length > 0) errors.push(`${where}: ${both.join(', ')} in both "${a}" and "${b}"`);
  }
  const maxSeverity = readMaxSeverity(entry.maxSeverity, result.forbidden, where, known, errors);
  return maxSeverity ? { ...result, maxSeverity } : result;
}

/** `maxSeverity`: rule id → the most severe it may fire at. A cap on a forbidden rule is meaningless. */
function readMaxSeverity(
  value: unknown,
  forbidden: readonly string[],
  where: string,
  known: ReadonlySet<string>,
  errors: string[],
): Record<string, Severity> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    errors.push(`${where}: "maxSeverity" must be an object of rule id → severity`);
    return undefined;
  }
  const caps: Record<string, Severity> = {};
  for (const [id, severity] of Object.entries(value)) {
    if (!known.has(id))
      errors.push(`${where}: "maxSeverity" names "${id}", which is not a rule id of the catalog`);
    else if (forbidden.includes(id)) errors.push(`${where}: "maxSeverity" caps ${id}, which is forbidden`);
    else if (!SEVERITY_ORDER.includes(severity as Severity))
      errors.push(`${where}: maxSeverity.${id} must be one of ${SEVERITY_ORDER.join(', ')}`);
    else caps[id] = severity as Severity;
  }
  return caps;
}

function readSource(value: unknown, file: string, errors: string[]): Source | undefined {
  if (!isObject(value)) {
    errors.push(`${file}: "source" must be an object`);
    return undefined;
  }
  const before = errors.length;
  if (typeof value.title !== 'string' || value.title === '') errors.push(`${file}: source.title is required`);
  if (typeof value.licence !== 'string' || value.licence === '')
    errors.push(`${file}: source.licence is required`);
  if (typeof value.url !== 'string' && typeof value.repository !== 'string')
    errors.push(`${file}: the source needs a url or a repository`);
  for (const key of ['package', 'version'] as const)
    if (value[key] !== undefined && typeof value[key] !== 'string')
      errors.push(`${file}: source.${key} must be a string`);
  if (value.repository !== undefined) {
    if (typeof value.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(value.repository))
      errors.push(`${file}: source.repository must be "owner/name"`);
    if (typeof value.commit !== 'string' || !HEX40.test(value.commit))
      errors.push(`${file}: source.commit (40 hex digits) is required with a repository`);
    if (typeof value.path !== 'string' || value.path === '')
      errors.push(`${file}: source.path is required with a repository`);
  }
  return errors.length > before ? undefined : (value as unknown as Source);
}

function checkTime(value: unknown, where: string, errors: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(Date.parse(value)))
    errors.push(`${where} must be an ISO 8601 time such as 2025-01-01T00:00:00Z`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
