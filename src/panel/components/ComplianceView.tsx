import type { FrameworkResult } from '../../core/compliance/types';
import { frameworkLabel, scopeLine, summaryLine } from '../models/compliance-text';
import { usePanel } from '../panel-context';
import { ControlDetail } from './ControlDetail';
import { ControlTable } from './ControlTable';

/** The Compliance view: framework picker, scope and summary, the control table, and the chosen control. */
export function ComplianceView() {
  const { compliance } = usePanel();
  const report = compliance.report.value;
  const framework = compliance.framework.value;
  return (
    <div
      class="split compliance"
      id="main-view"
      role="tabpanel"
      aria-labelledby="tab-compliance"
      data-testid="compliance-view"
    >
      <div class="list-pane">
        {report === null ? (
          <p class="empty error" data-testid="compliance-error">
            The compliance assessment failed for this capture.
          </p>
        ) : (
          <>
            <FrameworkHeader frameworks={compliance.frameworks.value} current={framework} />
            <p class="scope muted" data-testid="compliance-scope">
              Scope: {scopeLine(report.scope)}
            </p>
            {framework ? <ControlTable framework={framework} /> : null}
          </>
        )}
      </div>
      <ControlDetail />
    </div>
  );
}

/** The framework picker and the chosen framework's status summary. */
function FrameworkHeader({
  frameworks,
  current,
}: {
  frameworks: readonly FrameworkResult[];
  current: FrameworkResult | null;
}) {
  const { compliance } = usePanel();
  const onChange = (value: string) => {
    const chosen = frameworks.find((f) => f.framework.id === value);
    if (chosen) compliance.selectFramework(chosen.framework.id);
  };
  return (
    <div class="framework-head">
      <label class="check">
        Framework
        <select
          data-testid="framework-picker"
          value={current?.framework.id ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {frameworks.map((f) => (
            <option key={f.framework.id} value={f.framework.id}>
              {frameworkLabel(f)}
            </option>
          ))}
        </select>
      </label>
      {current ? (
        <span class="muted" data-testid="compliance-summary">
          {summaryLine(current.summary)}
        </span>
      ) : (
        <span class="muted">No framework selected by the policy.</span>
      )}
    </div>
  );
}
