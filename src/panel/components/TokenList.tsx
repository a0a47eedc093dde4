import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nextIndex, scrollToReveal, visibleRange } from '../models/list-navigation';
import { usePanel } from '../panel-context';
import { TokenRow } from './TokenRow';

/** Fixed row height (px), which is what lets the list render only the visible rows. Matches panel.css. */
export const ROW_HEIGHT = 28;
/** Rows rendered beyond each edge, so fast scrolling shows no blank band. */
const OVERSCAN = 10;
/** Height assumed before the first measurement (and where layout is unavailable, as in unit tests). */
const DEFAULT_VIEWPORT = 480;

/**
 * The virtualised token list: a listbox with a roving tab stop. Arrow keys, Home/End and PageUp/PageDown
 * move the selection; the focused row is always rendered, even when scrolled out of the window.
 */
export function TokenList() {
  const { tokens } = usePanel();
  const rows = tokens.visibleRows.value;
  const selected = tokens.selected.value;
  const now = tokens.now.value;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(DEFAULT_VIEWPORT);
  const focusNext = useRef<number | null>(null);
  useViewportHeight(viewport, setHeight);

  const active = selected === null ? -1 : rows.findIndex((r) => r.fingerprint === selected);
  const tabStop = Math.max(active, 0);
  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length, OVERSCAN);
  const indices = Array.from({ length: end - start }, (_, i) => start + i);
  if (tabStop < rows.length && (tabStop < start || tabStop >= end)) indices.push(tabStop);

  const choose = (index: number, focus: boolean) => {
    const row = rows[index];
    if (!row) return;
    tokens.select(row.fingerprint);
    const el = viewport.current;
    const target = el ? scrollToReveal(index, el.scrollTop, height, ROW_HEIGHT) : null;
    if (el && target !== null) {
      el.scrollTop = target;
      setScrollTop(target);
    }
    if (focus) focusNext.current = index;
  };

  useLayoutEffect(() => {
    const index = focusNext.current;
    if (index === null) return;
    focusNext.current = null;
    viewport.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const pageSize = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const index = nextIndex(e.key, active, rows.length, pageSize);
    if (index === null) return;
    e.preventDefault();
    choose(index, true);
  };

  return (
    <div class="token-list" ref={viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      {rows.length === 0 ? <EmptyList total={tokens.rows.value.length} /> : null}
      <div
        role="listbox"
        aria-label="Tokens"
        class="token-list-body"
        data-testid="token-list"
        style={{ height: `${rows.length * ROW_HEIGHT}px` }}
        onKeyDown={onKeyDown}
      >
        {indices.map((index) => {
          const row = rows[index];
          return row ? (
            <TokenRow
              key={row.fingerprint}
              row={row}
              index={index}
              total={rows.length}
              top={index * ROW_HEIGHT}
              selected={index === active}
              tabbable={index === tabStop}
              now={now}
              onSelect={(_fp, i) => choose(i, false)}
            />
          ) : null;
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

/** Tracks the list's height so exactly the rows that fit are rendered. */
function useViewportHeight(ref: { current: HTMLElement | null }, set: (height: number) => void): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => {
      if (el.clientHeight > 0) set(el.clientHeight);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, set]);
}
