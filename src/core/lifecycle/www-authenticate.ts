/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): its scheme and parameters. */
export interface Challenge {
  /** As sent (`Bearer`, `DPoP`, `Basic`…); compare case-insensitively. */
  scheme: string;
  /** Parameters by lower-cased name (the first of each name wins), quoted strings unquoted. */
  params: Record<string, string>;
  token68?: string;
}

/** Headers longer than this are read no further: real challenges are a few hundred characters. */
const MAX_HEADER = 8192;
/** Challenges read per header, and parameters per challenge. */
const MAX_CHALLENGES = 32;
const MAX_PARAMS = 32;
/** Server text is shown to the reader as text; this much is enough to read it. */
const MAX_VALUE = 512;

/** RFC 9110 §5.6.2 `tchar`. */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
/** What a token68 (RFC 9110 §11.2) may hold besides `tchar`. */
const TOKEN68 = /[A-Za-z0-9\-._~+/]/;

/**
 * The challenges of a `WWW-Authenticate` value, which may hold several (`Basic realm="a", Bearer
 * error="invalid_token"`, or headers joined with commas). Parameter values are tokens or quoted strings
 * with `\` escapes (commas and `=` inside quotes are text). Never throws; malformed parts are skipped.
 */
export function parseChallenges(header: string): Challenge[] {
  const text = header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header;
  const out: Challenge[] = [];
  let current: Challenge | undefined;
  /** True right after a scheme and spaces: a bare word there is its token68, not the next scheme. */
  let afterScheme = false;
  let i = 0;
  while (i < text.length && out.length <= MAX_CHALLENGES) {
    const c = text.charAt(i);
    if (c === ',') {
      afterScheme = false;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && (TCHAR.test(text.charAt(i)) || TOKEN68.test(text.charAt(i)))) i++;
    if (i === start) {
      i++; // not a token character: skip it
      continue;
    }
    const word = text.slice(start, i);
    const eq = skipSpaces(text, i);
    if (text.charAt(eq) === '=' && current) {
      const param = readParam(text, eq, word);
      if (param.token68 !== undefined && afterScheme) current.token68 = param.token68;
      else if (param.value !== undefined) addParam(current, word, param.value);
      i = param.end;
      afterScheme = false;
      continue;
    }
    if (afterScheme && current) {
      current.token68 = word;
      afterScheme = false;
      continue;
    }
    current = { scheme: word, params: {} };
    out.push(current);
    afterScheme = true;
  }
  return out.slice(0, MAX_CHALLENGES);
}

function addParam(challenge: Challenge, name: string, value: string): void {
  const key = name.toLowerCase();
  if (Object.keys(challenge.params).length >= MAX_PARAMS || Object.hasOwn(challenge.params, key)) return;
  challenge.params[key] = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}

/**
 * What follows `name` at `eq` (an `=`): `name=value` or `name="quoted"`, or, when only `=` padding and
 * then the end or a comma follow, the token68 `name==`.
 */
function readParam(
  text: string,
  eq: number,
  name: string,
): { value?: string; token68?: string; end: number } {
  let j = eq;
  while (text.charAt(j) === '=') j++;
  const next = skipSpaces(text, j);
  if (next >= text.length || text.charAt(next) === ',')
    return { token68: name + text.slice(eq, j), end: next };
  if (j - eq > 1) return { end: next }; // `a==b`: neither a parameter nor a token68
  if (text.charAt(next) === '"') return readQuoted(text, next + 1);
  let end = next;
  while (
    end < text.length &&
    text.charAt(end) !== ',' &&
    text.charAt(end) !== ' ' &&
    text.charAt(end) !== '\t'
  )
    end++;
  return { value: text.slice(next, end), end };
}

/** A quoted string from just after its opening quote; an unterminated one runs to the end. */
function readQuoted(text: string, from: number): { value: string; end: number } {
  let value = '';
  let i = from;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && i + 1 < text.length) {
      value += text.charAt(i + 1);
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: i };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  return i;
}

/**
 * RFC 6750 §3 `error` and `error_description` of a `WWW-Authenticate` value: from the `Bearer` (or
 * RFC 9449 `DPoP`) challenge when one carries an error, else from the first challenge that does.
 */
export function bearerError(header: string | undefined): { error?: string; errorDescription?: string } {
  if (!header) return {};
  const challenges = parseChallenges(header);
  const withError = challenges.filter((c) => c.params.error !== undefined);
  const bearer = withError.find((c) => /^(?:bearer|dpop)$/i.test(c.scheme)) ?? withError[0];
  if (!bearer) return {};
  const out: { error?: string; errorDescription?: string } = {};
  if (bearer.params.error) out.error = bearer.params.error;
  if (bearer.params.error_description) out.errorDescription = bearer.params.error_description;
  return out;
}
