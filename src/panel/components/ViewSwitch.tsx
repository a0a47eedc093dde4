import { useRef } from 'preact/hooks';
import { PANEL_VIEWS, type PanelView } from '../models/panel-views';
import { usePanel } from '../panel-context';

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** Where a key moves in the tab strip (wrapping, WAI-ARIA tabs pattern), or `null` for other keys. */
function nextTab(key: string, current: number, count: number): number | null {
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const step = STEP[key];
  return step === undefined ? null : (current + step + count) % count;
}

/**
 * The main view selector: a tab strip (one tab stop; arrows, Home and End move and switch). The views come
 * from `PANEL_VIEWS`, so a new view needs no change here.
 */
export function ViewSwitch() {
  const { ui } = usePanel();
  const strip = useRef<HTMLDivElement>(null);
  const current = PANEL_VIEWS.findIndex((v) => v.id === ui.view.value);
  const choose = (id: PanelView) => ui.setView(id);
  const onKeyDown = (e: KeyboardEvent) => {
    const index = nextTab(e.key, current, PANEL_VIEWS.length);
    const view = index === null ? undefined : PANEL_VIEWS[index];
    if (!view) return;
    e.preventDefault();
    choose(view.id);
    strip.current?.querySelector<HTMLElement>(`[data-view="${view.id}"]`)?.focus();
  };
  return (
    <div class="views" role="tablist" aria-label="View" ref={strip} onKeyDown={onKeyDown}>
      {PANEL_VIEWS.map((view) => {
        const selected = view.id === ui.view.value;
        return (
          <button
            type="button"
            role="tab"
            key={view.id}
            id={`tab-${view.id}`}
            data-view={view.id}
            data-testid={`view-${view.id}`}
            aria-selected={selected}
            aria-controls="main-view"
            tabIndex={selected ? 0 : -1}
            onClick={() => choose(view.id)}
          >
            {view.label}
          </button>
        );
      })}
    </div>
  );
}
