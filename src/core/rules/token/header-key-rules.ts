import { parseUrlParts } from '../../capture/url-parts';
import type { Evidence, JsonObject, RuleHit, Severity, TokenRule } from '../../types';
import { staysOnLoopback } from '../context/hosts';
import { JWK_PRIVATE_MEMBER } from '../pii/find-secrets';
import { hostOf, isRelatedHost } from './related-host';
import { has, listNames, NO_HITS, show, usableClaims, usableHeader } from './token-parts';

/**
 * `hdr-jwk-embedded`: the token carries the key meant to verify it (RFC 8725 §3.10; CVE-2018-0114). A DPoP
 * proof must carry its public key so (RFC 9449 §4.2): there only a private key in it is a finding, since
 * anyone who sees the proof can then sign proofs for the key the access token is bound to.
 */
export const checkJwkEmbedded: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || !has(header, 'jwk')) return NO_HITS;
  const jwk = header.jwk;
  const key =
    typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk) ? (jwk as JsonObject) : undefined;
  const kty = key && has(key, 'kty') ? show(key.kty) : 'unknown';
  const secret = key ? Object.keys(key).filter((name) => JWK_PRIVATE_MEMBER.has(name)) : [];
  const dpop = record.purpose === 'dpop';
  if (dpop && secret.length === 0) return NO_HITS;
  const leak =
    secret.length > 0
      ? `; it also carries the private key (${listNames(secret.map((m) => `"${m}"`))}): anyone who sees the token can sign with it`
      : '';
  const what = dpop
    ? 'The DPoP proof\'s "jwk" header (RFC 9449 §4.2) must hold only the public key'
    : 'The header embeds its own verification key';
  return [{ ruleId: 'hdr-jwk-embedded', detail: `${what} ("jwk", kty ${kty})${leak}.` }];
};

/** `hdr-x5c-embedded`: a certificate chain in the header, trustworthy only if it chains to a pinned anchor. */
export const checkX5cEmbedded: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || !has(header, 'x5c')) return NO_HITS;
  const count = Array.isArray(header.x5c) ? `${header.x5c.length} certificate(s)` : show(header.x5c);
  return [{ ruleId: 'hdr-x5c-embedded', detail: `The header embeds an x5c certificate chain (${count}).` }];
};

function issuerHost(header: JsonObject, claims: JsonObject | undefined): string | undefined {
  const iss = claims?.iss ?? header.iss;
  return typeof iss === 'string' ? hostOf(iss) : undefined;
}

/** Judges one `jku`/`x5u` value: severity and why. */
function judgeKeyUrl(name: string, value: unknown, issHost: string | undefined): [Severity, string] {
  if (typeof value !== 'string' || !URL.canParse(value))
    return ['high', `${name} ${show(value)} is not a URL`];
  const url = new URL(value);
  const shown = `${name} ${url.origin}${url.pathname}`;
  // Plain http to a loopback host never crosses the network (`staysOnLoopback`): judged by its host below.
  const local = staysOnLoopback([parseUrlParts(value).host]);
  if (url.protocol === 'http:' && !local) return ['critical', `${shown} is fetched over plain http:`];
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return ['critical', `${shown} uses the ${url.protocol} scheme`];
  if (!issHost) return ['high', `${shown} cannot be tied to an issuer (iss is absent or not a URL)`];
  if (!isRelatedHost(url.hostname, issHost)) {
    return ['critical', `${shown} is on host ${url.hostname}, unrelated to the issuer's host ${issHost}`];
  }
  return ['high', `${shown} is on the issuer's site, but verifiers must still allowlist it`];
}

/** `hdr-jku-x5u`: the header names a URL to fetch keys from; critical over http: or off the issuer's site. */
export const checkJkuX5u: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  // Nearly every header has neither: return before parsing the issuer URL.
  if (!header || (!has(header, 'jku') && !has(header, 'x5u'))) return NO_HITS;
  const issHost = issuerHost(header, usableClaims(record.token));
  const judged = ['jku', 'x5u'].filter((n) => has(header, n)).map((n) => judgeKeyUrl(n, header[n], issHost));
  const severity: Severity = judged.some(([s]) => s === 'critical') ? 'critical' : 'high';
  return [{ ruleId: 'hdr-jku-x5u', severity, detail: `${judged.map(([, why]) => why).join('; ')}.` }];
};

const KID_PATTERNS: readonly [RegExp, string][] = [
  [/\.\.[/\\]|[/\\]\.\.(?:[/\\]|$)/, 'path traversal ("../")'],
  [/^\/(dev|etc|proc|tmp|var|usr|home|root|sys)(\/|$)|\/dev\/null|^[a-z]:\\/i, 'a file-system path'],
  [/['";]|--|\/\*|\bunion\s+(all\s+)?select\b|\bor\s+\S+\s*=\s*\S+/i, 'SQL metacharacters'],
  [/[|`]|\$\(|\$\{|&&/, 'shell metacharacters'],
  [/^[a-z][a-z0-9+.-]*:\/\/|^(file|data|jar|php|gopher|ldap):/i, 'a URL or file scheme'],
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we look for.
  [/[\u0000-\u001f\u007f]/, 'control characters'],
];

/** `hdr-kid-injection`: a `kid` that looks built to attack the key lookup (RFC 8725 §3.10). */
export const checkKidInjection: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  const kid = header?.kid;
  if (typeof kid !== 'string') return NO_HITS;
  const found = KID_PATTERNS.filter(([pattern]) => pattern.test(kid)).map(([, what]) => what);
  if (found.length === 0) return NO_HITS;
  const evidence: Evidence[] = [
    { label: 'kid', value: kid.length > 80 ? `${kid.slice(0, 79)}…` : kid, raw: kid },
  ];
  return [
    { ruleId: 'hdr-kid-injection', detail: `kid ${show(kid)} contains ${listNames(found)}.`, evidence },
  ];
};

/** `hdr-crit-extension`: `crit` or `b64` present; verifiers that ignore `crit` accept what they should refuse. */
export const checkCritExtension: TokenRule = ({ record }) => {
  const header = usableHeader(record.token);
  if (!header || (!has(header, 'crit') && !has(header, 'b64'))) return NO_HITS;
  const parts: string[] = [];
  const crit = header.crit;
  if (Array.isArray(crit) && crit.length > 0 && crit.every((c) => typeof c === 'string')) {
    parts.push(`crit lists ${listNames(crit.map((c) => `"${c}"`))}`);
  } else if (has(header, 'crit')) {
    parts.push(`crit is ${show(crit)} (must be a non-empty array of header names)`);
  }
  if (header.b64 === false) parts.push('b64 is false (RFC 7797 unencoded payload)');
  else if (has(header, 'b64')) parts.push(`b64 is ${show(header.b64)}`);
  const hit: RuleHit = { ruleId: 'hdr-crit-extension', detail: `${parts.join('; ')}.` };
  return [hit];
};

/** Rules about key material and extensions named in the header. */
export const HEADER_KEY_RULES: readonly TokenRule[] = [
  checkJwkEmbedded,
  checkX5cEmbedded,
  checkJkuX5u,
  checkKidInjection,
  checkCritExtension,
];
