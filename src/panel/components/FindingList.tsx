import { useEffect, useRef } from 'preact/hooks';
import { formatReference } from '../../core/report';
import type { Finding } from '../../core/types';
import { splitEvidence } from '../models/drift';
import type { FindingFocus } from '../models/ui-model';
import { DriftCompare } from './DriftCompare';
import { SeverityBadge } from './SeverityBadge';

/** How a finding is named within its token (its list key). */
function findingKey(finding: { ruleId: string; detail: string }): string {
  return `${finding.ruleId}:${finding.detail}`;
}

/** The finding a focus request points at: that exact finding, or the first of its rule when it names no detail. */
function targetOf(findings: readonly Finding[], focus: FindingFocus | null): Finding | undefined {
  if (!focus) return undefined;
  return findings.find(
    (f) => f.ruleId === focus.ruleId && (focus.detail === undefined || f.detail === focus.detail),
  );
}

/**
 * The token's findings: what was seen, why it matters, the evidence (masked) and the references. The finding
 * `focus` points at (a click-through from a Timeline marker or a compliance control) is marked, scrolled to
 * and focused.
 */
export function FindingList({
  findings,
  focus = null,
}: {
  findings: readonly Finding[];
  /** About this token; a new object per request, so asking for the same finding again scrolls again. */
  focus?: FindingFocus | null;
}) {
  const target = targetOf(findings, focus);
  const targetRef = useRef<HTMLLIElement>(null);
  // Once per request, not per update: live capture republishes the findings and must not steal the focus.
  useEffect(() => {
    targetRef.current?.scrollIntoView?.({ block: 'nearest' });
    targetRef.current?.focus();
  }, [focus]);
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
          class={finding === target ? 'finding is-target' : 'finding'}
          ref={finding === target ? targetRef : undefined}
          tabIndex={finding === target ? -1 : undefined}
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
          <Evidence evidence={finding.evidence} />
          {finding.references.length > 0 ? (
            <p class="refs">References: {finding.references.map(formatReference).join(' · ')}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The evidence lines; a drift finding's `expected` and `seen` lines side by side. */
function Evidence({ evidence }: { evidence: Finding['evidence'] }) {
  const { expected, seen, other } = splitEvidence(evidence);
  return (
    <>
      {expected.length > 0 || seen.length > 0 ? <DriftCompare expected={expected} seen={seen} /> : null}
      {other.length > 0 ? (
        <dl class="evidence">
          {other.map((e, i) => (
            <div key={i}>
              <dt>{e.label}</dt>
              <dd>
                <code>{e.value}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
