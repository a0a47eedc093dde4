import { memoByName } from '../pii/name-memo';

/**
 * Second-level labels under which a country-code TLD sells names (`example.co.uk`, `example.com.au`).
 * A heuristic instead of the Public Suffix List, which is ~250 KB and changes monthly: for the hosts that
 * appear in one web app's traffic it tells a same-site host apart from another site well enough. It errs on
 * private suffixes such as `github.io` (two unrelated sites look the same), never on ordinary domains.
 */
const SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'go',
  'gob',
  'gov',
  'gv',
  'ltd',
  'me',
  'mil',
  'ne',
  'net',
  'nhs',
  'nic',
  'or',
  'org',
  'plc',
  'sch',
]);

/** True for an IPv4 or IPv6 literal (no brackets). */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * The registrable domain ("site") of a host: the last two labels, or three when the second-to-last is a
 * typical ccTLD second level (`co.uk`, `com.au`). IP literals, `localhost` and single labels are returned
 * as they are. Memoised per host: the context rules ask it of every sighting of every token.
 */
export const registrableDomain = memoByName((host: string): string => {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.') || isIpLiteral(h)) return h;
  const labels = h.split('.');
  const n = labels.length;
  const tld = labels[n - 1] ?? '';
  const sld = labels[n - 2] ?? '';
  if (n >= 3 && tld.length === 2 && SECOND_LEVEL.has(sld)) return labels.slice(-3).join('.');
  return labels.slice(-2).join('.');
});

/**
 * Loopback: `localhost` and `*.localhost` (RFC 6761 §6.3), 127.0.0.0/8, `::1` (also IPv4-mapped, dotted or
 * as the URL parser writes it). The one notion of loopback: the rules, the CLI's probe target and the panel.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  // The WHATWG URL parser writes an IPv4-mapped address in hex: `[::ffff:127.0.0.1]` → `::ffff:7f00:1`.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** `http` and `ws`: schemes whose traffic anyone on the network path can read. */
export function isCleartextScheme(scheme: string): boolean {
  return scheme === 'http' || scheme === 'ws';
}

/**
 * The one notion of "local" for every rule about cleartext (transport, Basic credentials, cookies without
 * Secure, key URLs): traffic between loopback hosts never leaves the machine, so plain http there exposes
 * nothing to the network and does not raise a finding's severity. True when every host is loopback.
 */
export function staysOnLoopback(hosts: readonly string[]): boolean {
  return hosts.length > 0 && hosts.every(isLoopbackHost);
}

/** Said in a detail when cleartext only reached loopback hosts. */
export const LOOPBACK_ONLY = ' (loopback only)';

/**
 * The host named by an `iss`/`aud` value: a URL's host, or a bare host name (`api.example.com`).
 * Client ids and URNs (`my-client`, `urn:x`) name no host and give `undefined`.
 */
export function hostOfIdentifier(value: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(value);
  if (url) return url[2]?.replace(/^\[|\]$/g, '').toLowerCase() || undefined;
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(value) ? value.toLowerCase() : undefined;
}
