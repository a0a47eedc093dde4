import { useEffect, useRef } from 'preact/hooks';
import { formatReference } from '../../core/report';
import type { Finding } from '../../core/types';
import { SeverityBadge } from './SeverityBadge';

/** How a finding is named within its token (its list key, and the target a Timeline marker opens). */
export function findingKey(finding: { ruleId: string; detail: string }): string {
  return `${finding.ruleId}:${finding.detail}`;
}

/**
 * The token's findings: what was seen, why it matters, the evidence (masked) and the references. `target`
 is scrolled into view and focused, as a Timeline finding marker asks.
 */
export function FindingList({
  findings,
  target,
}: {
  findings: readonly Finding[];
  /** A new object each time a marker is opened, so opening the same finding again scrolls again. */
  target?: { ruleId: string; detail: string } | null;
}) {
  const targetKey = target ? findingKey(target) : null;
  const targetRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = targetRef.current;
    if (!target || !el) return;
    el.scrollIntoView?.({ block: 'nearest' });
    el.focus();
  }, [target, findings]);
  if (findings.length === 0) {
    return (
      <p class="muted" data-testid="no-findings">
        No findings for this token under the current policy.
      </p>
    );
  }
  return (
    <ul class="findings" aria-label="Findings">
      {findings.map((finding) => (
        <li
          key={findingKey(finding)}
          class={findingKey(finding) === targetKey ? 'finding is-target' : 'finding'}
          {...(findingKey(finding) === targetKey ? { ref: targetRef, tabIndex: -1 } : {})}
          data-testid="finding"
          data-rule-id={finding.ruleId}
          data-severity={finding.severity}
        >
          <div class="finding-head">
            <SeverityBadge severity={finding.severity} />
            <strong>{finding.title}</strong>
            <code class="muted">{finding.ruleId}</code>
          </div>
          <p class="finding-detail">{finding.detail}</p>
          <p class="finding-why">{finding.why}</p>
          {finding.evidence.length > 0 ? (
            <dl class="evidence">
              {finding.evidence.map((e, i) => (
                <div key={i}>
                  <dt>{e.label}</dt>
                  <dd>
                    <code>{e.value}</code>
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {finding.references.length > 0 ? (
            <p class="refs">References: {finding.references.map(formatReference).join(' · ')}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
