import { useMemo } from 'preact/hooks';
import type { ControlResult } from '../../core/compliance/types';
import type { Finding } from '../../core/types';
import { MAX_CONTROL_FINDINGS } from '../models/limits';
import { usePanel } from '../panel-context';
import { SeverityBadge } from './SeverityBadge';

type ControlFinding = ControlResult['findings'][number];

const keyOf = (ruleId: string, fingerprint: string) => `${ruleId}\u0000${fingerprint}`;

/**
 * A control's findings, each with its title from the current audit and a link to the finding in the token
 * detail. At most `MAX_CONTROL_FINDINGS` are listed; the rest are counted.
 */
export function ControlFindings({ findings }: { findings: readonly ControlFinding[] }) {
  const { tokens } = usePanel();
  const all = tokens.result.value.findings;
  const index = useMemo(() => new Map(all.map((f) => [keyOf(f.ruleId, f.fingerprint), f])), [all]);
  if (findings.length === 0) return <p class="muted">None in this capture.</p>;
  const shown = findings.slice(0, MAX_CONTROL_FINDINGS);
  return (
    <>
      <ul class="findings" aria-label="Control findings">
        {shown.map((f, i) => (
          <ControlFindingItem key={i} finding={f} full={index.get(keyOf(f.ruleId, f.fingerprint))} />
        ))}
      </ul>
      {findings.length > shown.length ? (
        <p class="muted" data-testid="control-findings-more">
          and {findings.length - shown.length} more
        </p>
      ) : null}
    </>
  );
}

function ControlFindingItem({ finding, full }: { finding: ControlFinding; full: Finding | undefined }) {
  const { tokens, ui } = usePanel();
  const show = () => {
    ui.showFinding({ fingerprint: finding.fingerprint, ruleId: finding.ruleId });
    tokens.select(finding.fingerprint);
    ui.setView('tokens');
  };
  return (
    <li class="finding" data-testid="control-finding" data-rule-id={finding.ruleId}>
      <div class="finding-head">
        {full ? <SeverityBadge severity={full.severity} /> : <span class="muted">{finding.severity}</span>}
        {full ? <strong>{full.title}</strong> : null}
        <code class="muted">{finding.ruleId}</code>
      </div>
      {full ? <p class="finding-detail">{full.detail}</p> : null}
      <p>
        {finding.fingerprint === '' ? (
          <span class="muted">About an exchange, not a token.</span>
        ) : (
          <>
            Token <code>{finding.fingerprint}</code>{' '}
            {full ? (
              <button type="button" data-testid="show-finding" onClick={show}>
                Show in token detail
              </button>
            ) : (
              <span class="muted">(no longer in the capture)</span>
            )}
          </>
        )}
      </p>
    </li>
  );
}
