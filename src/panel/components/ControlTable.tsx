import type { ControlResult, FrameworkResult } from '../../core/compliance/types';
import { nextIndex } from '../models/list-navigation';
import { plural } from '../models/plural';
import { usePanel } from '../panel-context';
import { StatusBadge } from './StatusBadge';

/** PageUp/PageDown step in the control table. */
const PAGE = 10;

/**
 * The chosen framework's controls: a listbox with a roving tab stop, like the token list. Click, Enter or
 * Space opens a control; arrows, Home/End and PageUp/PageDown move and open. The catalogue bounds the rows.
 */
export function ControlTable({ framework }: { framework: FrameworkResult }) {
  const { compliance } = usePanel();
  const controls = framework.controls;
  const chosen = compliance.control.value?.control ?? null;
  const active = controls.findIndex((c) => c.control === chosen);
  if (controls.length === 0)
    return (
      <p class="empty" data-testid="no-controls">
        No controls to show for this framework.
      </p>
    );
  const onKeyDown = (e: KeyboardEvent) => {
    const index = nextIndex(e.key, focusedIndex(e.target, active), controls.length, PAGE);
    const control = index === null ? undefined : controls[index];
    if (!control) return;
    e.preventDefault();
    compliance.selectControl(control.control);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };
  return (
    <div class="control-table">
      <div class="list-head control-row" aria-hidden="true">
        <span class="cell cell-cstatus">Status</span>
        <span class="cell cell-cid">Control</span>
        <span class="cell cell-ctitle">Title</span>
        <span class="cell cell-ccount">Findings</span>
        <span class="cell cell-ccount">Tokens</span>
        <span class="cell cell-cevidence">Evidence</span>
      </div>
      <div role="listbox" aria-label="Controls" data-testid="control-table" onKeyDown={onKeyDown}>
        {controls.map((c, index) => (
          <ControlRow
            key={c.control}
            control={c}
            index={index}
            selected={index === active}
            tabbable={index === Math.max(active, 0)}
            onOpen={() => compliance.selectControl(c.control)}
          />
        ))}
      </div>
    </div>
  );
}

interface ControlRowProps {
  control: ControlResult;
  index: number;
  selected: boolean;
  tabbable: boolean;
  onOpen: () => void;
}

function ControlRow({ control: c, index, selected, tabbable, onOpen }: ControlRowProps) {
  return (
    <div
      role="option"
      class={`control-row${selected ? ' selected' : ''}`}
      data-testid="control-row"
      data-control={c.control}
      data-status={c.status}
      data-index={index}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <span class="cell cell-cstatus">
        <StatusBadge status={c.status} />
      </span>
      <code class="cell cell-cid" title={c.control}>
        {c.control}
      </code>
      <span class="cell cell-ctitle" title={c.title}>
        {c.title}
      </span>
      <span class="cell cell-ccount" title={plural(c.findings.length, 'finding')}>
        {c.findings.length}
      </span>
      <span class="cell cell-ccount" title={plural(c.counts.tokens, 'token')}>
        {c.counts.tokens}
      </span>
      <span class="cell cell-cevidence muted" title={c.evidence}>
        {c.evidence}
      </span>
    </div>
  );
}

/** The row that has the focus (the key's target), else the selected one. */
function focusedIndex(target: EventTarget | null, fallback: number): number {
  const index = target instanceof HTMLElement ? Number(target.dataset.index) : Number.NaN;
  return Number.isInteger(index) ? index : fallback;
}
