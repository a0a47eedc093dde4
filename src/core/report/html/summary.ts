import type { ComplianceReport, ControlStatus } from '../../compliance/types';
import type { AuditResult } from '../../types';
import { summarize } from '../json-report';
import { SEVERITIES } from '../report-context';
import { el, type Html } from './markup';

const STATUS_ORDER: readonly ControlStatus[] = ['fail', 'partial', 'pass', 'not-observed', 'out-of-scope'];
const STATUS_HEAD: Readonly<Record<ControlStatus, string>> = {
  fail: 'Fail',
  partial: 'Partial',
  pass: 'Pass',
  'not-observed': 'Not observed',
  'out-of-scope': 'Out of scope',
};

/** The report at a glance: findings per severity and, with compliance, the status counts per framework. */
export function summarySection(result: AuditResult, compliance: ComplianceReport | undefined): Html {
  return el(
    'section',
    { id: 'summary', 'aria-label': 'Summary' },
    el('h2', null, 'Summary'),
    findingTiles(result),
    compliance ? overview(compliance) : null,
  );
}

function findingTiles(result: AuditResult): Html {
  const summary = summarize(result);
  const tiles = [
    tile(summary.findings, 'findings'),
    ...SEVERITIES.map((s) => tile(summary[s], s)),
    tile(result.ignoredCount, 'ignored by policy'),
  ];
  return el('div', { class: 'tiles', 'data-testid': 'finding-counts' }, tiles);
}

function tile(count: number, label: string): Html {
  return el('div', { class: 'tile' }, el('strong', null, count), el('span', null, label));
}

function overview(report: ComplianceReport): Html {
  if (report.frameworks.length === 0) return el('p', null, 'No compliance framework was selected.');
  const head = el(
    'tr',
    null,
    el('th', { scope: 'col' }, 'Framework'),
    el('th', { scope: 'col' }, 'Version'),
    el('th', { scope: 'col', class: 'num' }, 'Controls'),
    STATUS_ORDER.map((s) => el('th', { scope: 'col', class: 'num' }, STATUS_HEAD[s])),
  );
  const rows = report.frameworks.map((f) =>
    el(
      'tr',
      null,
      el('th', { scope: 'row' }, f.framework.name),
      el('td', null, f.framework.version),
      el('td', { class: 'num' }, f.controls.length),
      STATUS_ORDER.map((s) => el('td', { class: 'num' }, f.summary[s] ?? 0)),
    ),
  );
  return el(
    'table',
    { class: 'overview', 'data-testid': 'compliance-overview' },
    el('caption', null, 'Control statuses per framework'),
    el('thead', null, head),
    el('tbody', null, rows),
  );
}
