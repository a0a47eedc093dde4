import { useEffect, useRef, useState } from 'preact/hooks';
import { scrollToReveal, visibleRange } from '../models/list-navigation';

/** Height assumed before the first measurement (and where layout is unavailable, as in unit tests). */
const DEFAULT_VIEWPORT = 480;

/** The window of rows a virtual list renders, and a way to scroll a row into view. */
export interface VirtualWindow {
  viewport: { current: HTMLDivElement | null };
  start: number;
  end: number;
  /** Rows that fit in the viewport (for PageUp/PageDown). */
  pageSize: number;
  onScroll: (e: Event) => void;
  reveal(index: number): void;
}

/**
 * Tracks a scroll container's position and height so a list of fixed-height rows renders only what is
 * visible (plus `overscan` rows each side). Scroll events update state; rendering stays O(window).
 */
export function useVirtualWindow(count: number, rowHeight: number, overscan: number): VirtualWindow {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(DEFAULT_VIEWPORT);
  useEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const { start, end } = visibleRange(scrollTop, height, rowHeight, count, overscan);
  return {
    viewport,
    start,
    end,
    pageSize: Math.max(1, Math.floor(height / rowHeight) - 1),
    onScroll: (e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop),
    reveal(index) {
      const el = viewport.current;
      const target = el ? scrollToReveal(index, el.scrollTop, height, rowHeight) : null;
      if (!el || target === null) return;
      el.scrollTop = target;
      setScrollTop(target);
    },
  };
}
