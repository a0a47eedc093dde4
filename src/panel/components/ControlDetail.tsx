import type { ControlResult, ControlStatus } from '../../core/compliance/types';
import { countsLine } from '../models/compliance-text';
import { usePanel } from '../panel-context';
import { ControlFindings } from './ControlFindings';
import { StatusBadge } from './StatusBadge';

/** What each status means for the control shown, in one sentence. */
const MEANING: Record<ControlStatus, string> = {
  fail: 'Violated: the mapped rules found the problems below (after the policy’s ignores and overrides).',
  partial: 'Partly evidenced: a passive capture shows only part of this control.',
  pass: 'Operating: the mapped checks ran on the population below and found nothing.',
  'not-observed': 'Not observed: nothing in this capture that the mapped checks could look at.',
  'out-of-scope': 'Out of scope: the policy excludes this control.',
};

/** The heading over `note`, for the statuses that carry one. */
const NOTE_HEADING: Partial<Record<ControlStatus, string>> = {
  partial: 'What an assessor still needs',
  'out-of-scope': 'Reason',
};

/** The chosen control: what its status rests on (evidence, population, rules) and its findings. */
export function ControlDetail() {
  const { compliance } = usePanel();
  const control = compliance.control.value;
  if (!control) {
    return (
      <section class="detail" aria-label="Control details" data-testid="control-detail-empty">
        <p class="muted">Select a control to see its findings and what was checked.</p>
      </section>
    );
  }
  return (
    <section class="detail" aria-label="Control details" data-testid="control-detail">
      <h2>
        <StatusBadge status={control.status} /> <code>{control.control}</code> {control.title}
      </h2>
      <p data-testid="control-meaning">{MEANING[control.status]}</p>
      <h3>{control.status === 'pass' ? 'What passed' : 'What was checked'}</h3>
      <p data-testid="control-evidence">{control.evidence}</p>
      <p class="muted" data-testid="control-counts">
        {countsLine(control.counts)}
      </p>
      <Note control={control} />
      {control.findings.length > 0 || control.status === 'fail' ? (
        <>
          <h3>Findings ({control.findings.length})</h3>
          <ControlFindings findings={control.findings} />
        </>
      ) : null}
      <h3>Rules checked ({control.ruleIds.length})</h3>
      <RuleList ruleIds={control.ruleIds} />
    </section>
  );
}

function Note({ control }: { control: ControlResult }) {
  const heading = NOTE_HEADING[control.status];
  if (!heading) return null;
  return (
    <>
      <h3>{heading}</h3>
      <p data-testid="control-note">{control.note || 'Not stated.'}</p>
    </>
  );
}

function RuleList({ ruleIds }: { ruleIds: readonly string[] }) {
  if (ruleIds.length === 0) return <p class="muted">No rule is mapped to this control.</p>;
  return (
    <ul class="rule-ids" data-testid="control-rules">
      {ruleIds.map((id) => (
        <li key={id}>
          <code>{id}</code>
        </li>
      ))}
    </ul>
  );
}
