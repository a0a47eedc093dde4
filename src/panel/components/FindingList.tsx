import { useEffect, useRef } from 'preact/hooks';
import { formatReference } from '../../core/report';
import type { Finding } from '../../core/types';
import { SeverityBadge } from './SeverityBadge';

/**
 * The token's findings: what was seen, why it matters, the evidence (masked) and the references. The
 * finding of rule `focusRule` (a click-through from the Compliance view) is marked, scrolled to and focused.
 */
export function FindingList({
  findings,
  focusRule = null,
}: {
  findings: readonly Finding[];
  focusRule?: string | null;
}) {
  const focused = useRef<HTMLLIElement>(null);
  // Once per request, not per update: live capture republishes the findings and must not steal the focus.
  useEffect(() => {
    focused.current?.scrollIntoView?.({ block: 'nearest' });
    focused.current?.focus();
  }, [focusRule]);
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
          key={`${finding.ruleId}:${finding.detail}`}
          class={finding.ruleId === focusRule ? 'finding focused' : 'finding'}
          ref={finding.ruleId === focusRule ? focused : undefined}
          tabIndex={finding.ruleId === focusRule ? -1 : undefined}
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
