import type { ComplianceReport, ControlResult, FrameworkResult } from '../../compliance/types';
import { statusBadge } from './badges';
import { type Child, el, type Html } from './markup';
import { plural } from './scope';

/** Findings named under one control; the count is always exact and the findings section has them all. */
const MAX_CONTROL_FINDINGS = 6;

/**
 * One status table per framework, each on a new page. Evidence sentences and notes are scrubbed like any
 * free text of a report: the engine writes them from counts, but a host or path in one must not carry a token.
 */
export function complianceSections(report: ComplianceReport, scrub: (text: string) => string): Html[] {
  return report.frameworks.map((framework) => frameworkSection(framework, scrub));
}

function frameworkSection(result: FrameworkResult, scrub: (text: string) => string): Html {
  const { framework } = result;
  const head = el(
    'tr',
    null,
    el('th', { scope: 'col' }, 'Control'),
    el('th', { scope: 'col' }, 'Title'),
    el('th', { scope: 'col' }, 'Status'),
    el('th', { scope: 'col' }, 'Evidence'),
    el('th', { scope: 'col' }, 'Checked by'),
  );
  return el(
    'section',
    { class: 'page framework', 'data-framework': framework.id, 'aria-label': framework.name },
    el('h2', null, `${framework.name} ${framework.version}`),
    el('p', { class: 'muted small' }, 'Control ids verified against: ', framework.source),
    result.controls.length === 0
      ? el('p', null, 'No control of this framework is mapped to a check.')
      : el(
          'table',
          { class: 'controls', 'data-testid': `controls-${framework.id}` },
          el('thead', null, head),
          el(
            'tbody',
            null,
            result.controls.map((control) => controlRow(control, scrub)),
          ),
        ),
  );
}

function controlRow(control: ControlResult, scrub: (text: string) => string): Html {
  return el(
    'tr',
    { class: `row-${control.status}`, 'data-control': control.control, 'data-status': control.status },
    el('th', { scope: 'row', class: 'mono' }, control.control),
    el('td', null, control.title),
    el('td', null, statusBadge(control.status)),
    evidenceCell(control, scrub),
    el('td', null, ruleList(control.ruleIds), findingList(control)),
  );
}

/**
 * The evidence sentence, its sample and the note. Out of scope with a reason, the reason is the whole story:
 * the engine's evidence only repeats it, and nothing was sampled.
 */
function evidenceCell(control: ControlResult, scrub: (text: string) => string): Html {
  if (control.status === 'out-of-scope' && control.note) return el('td', null, noteLine(control, scrub));
  return el('td', null, scrub(control.evidence), countsLine(control), noteLine(control, scrub));
}

function countsLine({ counts }: ControlResult): Html {
  const parts = [
    plural(counts.tokens, 'token'),
    plural(counts.sightings, 'sighting'),
    plural(counts.requests, 'request'),
    plural(counts.hosts, 'host'),
  ];
  return el('span', { class: 'counts' }, `Sample: ${parts.join(' · ')}`);
}

function noteLine(control: ControlResult, scrub: (text: string) => string): Child {
  if (!control.note) return null;
  const label = control.status === 'out-of-scope' ? 'Reason: ' : 'Still needed from the organisation: ';
  return el('span', { class: 'note' }, el('strong', null, label), scrub(control.note));
}

function ruleList(ruleIds: readonly string[]): Child {
  if (ruleIds.length === 0) return el('span', { class: 'muted' }, 'no check');
  return ruleIds.map((id, i) => [i > 0 ? ', ' : '', el('code', null, id)]);
}

function findingList({ findings }: ControlResult): Child {
  if (findings.length === 0) return null;
  const shown = findings
    .slice(0, MAX_CONTROL_FINDINGS)
    .map((f) =>
      el(
        'li',
        null,
        el('code', null, f.ruleId),
        ' ',
        f.fingerprint ? el('code', null, f.fingerprint) : 'exchange',
      ),
    );
  const more =
    findings.length > MAX_CONTROL_FINDINGS
      ? el('li', null, `…and ${findings.length - MAX_CONTROL_FINDINGS} more`)
      : null;
  return el(
    'div',
    { class: 'note' },
    el('strong', null, plural(findings.length, 'finding')),
    el('ul', null, shown, more),
  );
}
