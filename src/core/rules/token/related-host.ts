/** Second-level labels under which registrable domains take three labels (`example.co.uk`). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);

/**
 * The site a host belongs to, approximately: its last two labels, or three under a country code with a
 * generic second level (`co.uk`, `com.au`). A heuristic, not the Public Suffix List: good enough to tell
 * `login.example.com` and `keys.example.com` apart from `attacker.net`.
 */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const take = last.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** True when two host names belong to the same site (equal, nested, or sharing a registrable domain). */
export function isRelatedHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`)) return true;
  return siteOf(x) === siteOf(y);
}

/** The host of an absolute URL, or `undefined` when `text` is not one. */
export function hostOf(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const host = new URL(text).hostname;
  return host === '' ? undefined : host;
}
