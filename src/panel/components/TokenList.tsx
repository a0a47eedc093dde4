import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TokenRecord } from '../../core/types';
import { nextIndex } from '../models/list-navigation';
import { usePanel } from '../panel-context';
import { TokenRow } from './TokenRow';
import { useVirtualWindow } from './use-virtual-window';

/** Fixed row height (px), which is what lets the list render only the visible rows. Matches panel.css. */
export const ROW_HEIGHT = 28;
/** Rows rendered beyond each edge, so fast scrolling shows no blank band. */
const OVERSCAN = 10;

function indexOf(records: readonly TokenRecord[], fingerprint: string | null): number {
  if (fingerprint === null) return -1;
  for (let i = 0; i < records.length; i++) if (records[i]?.token.fingerprint === fingerprint) return i;
  return -1;
}

/**
 * The virtualised token list: a listbox with a roving tab stop. Arrow keys, Home/End and PageUp/PageDown
 * move the selection; the tab-stop row is always rendered, even when scrolled out of the window.
 */
export function TokenList() {
  const { tokens } = usePanel();
  const records = tokens.visible.value;
  const now = tokens.now.value;
  const win = useVirtualWindow(records.length, ROW_HEIGHT, OVERSCAN);
  const focusNext = useRef<number | null>(null);
  const active = indexOf(records, tokens.selected.value);
  const tabStop = Math.max(active, 0);
  const indices = Array.from({ length: win.end - win.start }, (_, i) => win.start + i);
  if (tabStop < records.length && (tabStop < win.start || tabStop >= win.end)) indices.push(tabStop);

  const choose = (index: number, focus: boolean) => {
    const record = records[index];
    if (!record) return;
    tokens.select(record.token.fingerprint);
    win.reveal(index);
    if (focus) focusNext.current = index;
  };
  useLayoutEffect(() => {
    const index = focusNext.current;
    focusNext.current = null;
    if (index !== null) win.viewport.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  });
  const onKeyDown = (e: KeyboardEvent) => {
    const index = nextIndex(e.key, active, records.length, win.pageSize);
    if (index === null) return;
    e.preventDefault();
    choose(index, true);
  };

  return (
    <div class="token-list" ref={win.viewport} onScroll={win.onScroll}>
      {records.length === 0 ? <EmptyList total={tokens.result.value.tokens.length} /> : null}
      <div
        role="listbox"
        aria-label="Tokens"
        class="token-list-body"
        data-testid="token-list"
        style={{ height: `${records.length * ROW_HEIGHT}px` }}
        onKeyDown={onKeyDown}
      >
        {indices.map((index) => {
          const record = records[index];
          if (!record) return null;
          const row = tokens.rowOf(record);
          return (
            <TokenRow
              key={row.fingerprint}
              row={row}
              index={index}
              total={records.length}
              top={index * ROW_HEIGHT}
              selected={index === active}
              tabbable={index === tabStop}
              now={now}
              onSelect={() => choose(index, false)}
            />
          );
        })}
      </div>
    </div>
  );
}

function EmptyList({ total }: { total: number }) {
  return (
    <p class="empty" data-testid="empty-list">
      {total === 0
        ? 'No tokens yet. Reload the page, import a HAR file or paste a token.'
        : 'No token matches the filters.'}
    </p>
  );
}
