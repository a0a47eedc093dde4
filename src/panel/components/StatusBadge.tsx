import type { ControlStatus } from '../../core/compliance/types';
import { STATUS_LABEL } from '../models/compliance-text';

/** A control's status as a coloured label: the text carries the meaning, the colour repeats it. */
export function StatusBadge({ status }: { status: ControlStatus }) {
  return (
    <span class={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}
