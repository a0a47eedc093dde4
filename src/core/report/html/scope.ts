import type { ComplianceScope } from '../../compliance/types';
import { sha256, toHex } from '../../crypto/sha256';
import type { AuditResult } from '../../types';
import { numericDateToIso, type ReportContext } from '../report-context';
import type { ReportOptions } from '../report-types';
import { type Child, el, type Html } from './markup';

/** Hosts listed in the scope; the count is always exact. */
const MAX_HOSTS = 40;

/**
 * The scope of a scan without compliance statuses, built as `assessCompliance` states it: inputs, UTC time
 * range, hosts, token, sighting and request counts, tool, and the policy's digest (SHA-256 of its JSON as
 * applied), so a report without `--compliance` carries the same scope statement.
 */
export function scopeOfResult(result: AuditResult, opts: ReportOptions): ComplianceScope {
  const hosts = new Set<string>();
  const requests = new Set<string>();
  let sightings = 0;
  for (const record of result.tokens) {
    for (const s of record.sightings) {
      sightings++;
      if (!s.url) continue;
      requests.add(s.requestId);
      const host = hostOf(s.url);
      if (host) hosts.add(host);
    }
  }
  for (const o of result.observations) {
    requests.add(o.requestId);
    const host = hostOf(o.url);
    if (host) hosts.add(host);
  }
  return {
    inputs: [...(opts.inputs ?? [])],
    timeRange: result.timeRange ? { ...result.timeRange } : null,
    hosts: [...hosts].sort(),
    tokens: result.tokens.length,
    sightings,
    requests: requests.size,
    tool: { ...opts.tool },
    policyDigest: toHex(sha256(new TextEncoder().encode(JSON.stringify(result.policy)))),
  };
}

/** `host[:port]` of a URL, without any user info; `''` when it has none or does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Scope: what the report speaks for. */
export function scopeSection(
  scope: ComplianceScope,
  result: AuditResult,
  opts: ReportOptions,
  ctx: ReportContext,
): Html {
  const facts: [string, Child][] = [
    ['Inputs', scope.inputs.length ? list(scope.inputs.map((i) => ctx.scrub(i))) : '—'],
    [
      'Traffic (UTC)',
      scope.timeRange ? `${scope.timeRange.start} – ${scope.timeRange.end}` : 'no timed request',
    ],
    ['Hosts', hostList(scope.hosts.map((h) => ctx.scrub(h)))],
    [
      'Sample',
      `${plural(scope.tokens, 'distinct token')}, ${plural(scope.sightings, 'sighting')}, ${plural(scope.requests, 'request')}`,
    ],
    ['Reference time', numericDateToIso(result.referenceTime) ?? 'unknown'],
    ['Tool', `${scope.tool.name} ${scope.tool.version}`],
    ['Policy digest', [el('code', null, scope.policyDigest || '—'), ' (SHA-256 of the policy as applied)']],
    ['Generated', opts.generatedAt ?? new Date().toISOString()],
  ];
  if (opts.problems?.length) facts.push(['Capture problems', list(opts.problems.map((p) => ctx.scrub(p)))]);
  return el(
    'section',
    { id: 'scope', 'aria-label': 'Scope' },
    el('h2', null, 'Scope'),
    el(
      'dl',
      { class: 'facts' },
      facts.map(([term, value]) => [el('dt', null, term), el('dd', null, value)]),
    ),
  );
}

function hostList(hosts: readonly string[]): Child {
  if (hosts.length === 0) return 'none (no request URL in the inputs)';
  const shown = hosts.slice(0, MAX_HOSTS).map((h) => el('code', null, h));
  const more = hosts.length > MAX_HOSTS ? ` and ${hosts.length - MAX_HOSTS} more` : '';
  return [`${hosts.length}: `, shown.flatMap((h, i) => (i === 0 ? [h] : [', ', h])), more];
}

function list(items: readonly string[]): Html {
  return el(
    'ul',
    null,
    items.map((item) => el('li', null, el('code', null, item))),
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
