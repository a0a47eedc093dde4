import type {
  ComplianceScope,
  ControlResult,
  ControlStatus,
  FrameworkId,
  FrameworkResult,
} from '../../core/compliance/types';
import { plural } from './plural';

/** Status labels: the badge's text carries the meaning, its colour only repeats it. */
export const STATUS_LABEL: Record<ControlStatus, string> = {
  fail: 'Fail',
  partial: 'Partial',
  pass: 'Pass',
  'not-observed': 'Not observed',
  'out-of-scope': 'Out of scope',
};

/** Summary order: what needs attention first. */
export const STATUS_ORDER: readonly ControlStatus[] = [
  'fail',
  'partial',
  'pass',
  'not-observed',
  'out-of-scope',
];

/** Short names for the picker, in the order the issue lists them (also the picker's order). */
export const FRAMEWORK_LABEL: Record<FrameworkId, string> = {
  'pci-dss': 'PCI DSS',
  hipaa: 'HIPAA',
  gdpr: 'GDPR',
  soc2: 'SOC 2',
  iso27001: 'ISO 27001',
  'nist-800-63b': 'NIST 800-63B',
  'nist-800-53': 'NIST 800-53',
  asvs: 'ASVS',
};

const ORDER = Object.keys(FRAMEWORK_LABEL);

/** The report's frameworks in picker order (unknown ids last, as the engine gave them). */
export function pickerOrder(frameworks: readonly FrameworkResult[]): FrameworkResult[] {
  const rank = (f: FrameworkResult) => {
    const i = ORDER.indexOf(f.framework.id);
    return i < 0 ? ORDER.length : i;
  };
  return [...frameworks].sort((a, b) => rank(a) - rank(b));
}

/** `PCI DSS v4.0.1`: the short name and the version the statuses were judged against. */
export function frameworkLabel({ framework }: FrameworkResult): string {
  const name = FRAMEWORK_LABEL[framework.id] ?? framework.name;
  return framework.version ? `${name} ${framework.version}` : name;
}

/** `2 fail · 1 partial · 5 pass · 3 not observed · 0 out of scope` */
export function summaryLine(summary: Record<ControlStatus, number>): string {
  return STATUS_ORDER.map((s) => `${summary[s] ?? 0} ${STATUS_LABEL[s].toLowerCase()}`).join(' · ');
}

/** `38 tokens · 212 sightings · 90 requests · 14 hosts`: the population behind one control. */
export function countsLine(counts: ControlResult['counts']): string {
  return [
    plural(counts.tokens, 'token'),
    plural(counts.sightings, 'sighting'),
    plural(counts.requests, 'request'),
    plural(counts.hosts, 'host'),
  ].join(' · ');
}

/** What the statuses speak for, one line: population, hosts, time range, tool, policy digest. */
export function scopeLine(scope: ComplianceScope): string {
  const parts = [
    `${plural(scope.tokens, 'token')}, ${plural(scope.sightings, 'sighting')}, ${plural(scope.requests, 'request')}`,
    `${plural(scope.hosts.length, 'host')}`,
    scope.timeRange ? `${scope.timeRange.start} to ${scope.timeRange.end}` : 'no request times',
    `${scope.tool.name} ${scope.tool.version}`,
  ];
  if (scope.policyDigest) parts.push(`policy ${scope.policyDigest.slice(0, 12)}`);
  return parts.join(' · ');
}
