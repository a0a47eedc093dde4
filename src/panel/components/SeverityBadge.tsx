import type { Severity } from '../../core/types';

const LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** A coloured severity label; `null` means "no findings". Text, not colour alone, carries the meaning. */
export function SeverityBadge({ severity }: { severity: Severity | null }) {
  return (
    <span class={`badge badge-${severity ?? 'none'}`} data-testid="severity-badge">
      {severity ? LABEL[severity] : 'OK'}
    </span>
  );
}
