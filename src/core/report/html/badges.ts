import type { ControlStatus } from '../../compliance/types';
import type { Severity } from '../../types';
import { el, type Html } from './markup';

/** Each status's glyph and word: told apart in greyscale print and by a screen reader, not by colour. */
const STATUS_LABEL: Readonly<Record<ControlStatus, string>> = {
  pass: '✓ Pass',
  fail: '✗ Fail',
  partial: '◐ Partial',
  'not-observed': '○ Not observed',
  'out-of-scope': '– Out of scope',
};

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: '▲ Critical',
  high: '■ High',
  medium: '◆ Medium',
  low: '▽ Low',
  info: '· Info',
};

export function statusBadge(status: ControlStatus): Html {
  return el('span', { class: `badge st-${status}`, 'data-status': status }, STATUS_LABEL[status] ?? status);
}

export function severityBadge(severity: Severity): Html {
  return el('span', { class: `badge sev-${severity}` }, SEVERITY_LABEL[severity] ?? severity);
}
