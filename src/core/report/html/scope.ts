import { complianceScope } from '../../compliance/scope';
import type { ComplianceScope } from '../../compliance/types';
import type { AuditResult } from '../../types';
import { numericDateToIso, type ReportContext } from '../report-context';
import type { ReportOptions } from '../report-types';
import { type Child, el, type Html } from './markup';

/** Hosts listed in the scope; the count is always exact. */
const MAX_HOSTS = 40;

/**
 * The scope of a scan without compliance statuses: the very statement `assessCompliance` makes (inputs, UTC
 * time range, hosts, counts, tool, policy digest), so a report without `--compliance` states the same scope.
 */
export function scopeOfResult(result: AuditResult, opts: ReportOptions): ComplianceScope {
  return complianceScope(result, opts.tool, opts.inputs ?? []);
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
