import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TimelineLane, TimelineMark, TimelineModel } from '../models/timeline';
import { axisTicks } from '../models/timeline-axis';
import { type GridPosition, moveInGrid } from '../models/timeline-nav';
import { EdgeChevron, MarkShape, markClass } from './TimelineMark';

/** Layout, px: the label column, the narrowest plot (narrower panes scroll), one lane, the axis. */
const LABEL_W = 180;
const MIN_PLOT_W = 360;
const LANE_H = 34;
const AXIS_H = 24;
const LABEL_CHARS = 26;

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function shorten(text: string): string {
  return text.length <= LABEL_CHARS ? text : `${text.slice(0, LABEL_CHARS - 1)}…`;
}

/** What opening a lane or mark does: select its token (and, for a finding, show that finding). */
export type OpenMark = (mark: TimelineMark | null, lane: TimelineLane) => void;

interface ChartProps {
  model: TimelineModel;
  /** Width available, px. */
  width: number;
  selected: string | null;
  onOpen: OpenMark;
}

/**
 * The Timeline as SVG: a time axis, one lane per family (or issuer) with its marks, and the refresh links
 * between lanes. All text is text nodes. One tab stop (roving): arrows move between lanes and marks,
 * Enter or Space opens the focused one.
 */
export function TimelineChart({ model, width, selected, onOpen }: ChartProps) {
  const { lanes, start, end } = model;
  const plotW = Math.max(MIN_PLOT_W, width - LABEL_W - 24);
  const [pos, setPos] = useState<GridPosition>({ lane: 0, item: 0 });
  const root = useRef<SVGSVGElement>(null);
  const moved = useRef(false);
  const cur = { lane: Math.min(pos.lane, lanes.length - 1), item: pos.item };
  const x = (at: number) => LABEL_W + Math.min(1, Math.max(0, (at - start) / (end - start))) * plotW;
  const laneY = (i: number) => AXIS_H + i * LANE_H;
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const height = AXIS_H + lanes.length * LANE_H + 4;

  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    root.current?.querySelector<SVGElement>('[tabindex="0"]')?.focus();
  });
  const activate = (lane: number, item: number) => {
    const l = lanes[lane];
    if (l) onOpen(item === 0 ? null : (l.marks[item - 1] ?? null), l);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(cur.lane, cur.item);
      return;
    }
    const next = moveInGrid(
      e.key,
      cur,
      lanes.map((l) => l.marks.length + 1),
    );
    if (!next) return;
    e.preventDefault();
    moved.current = true;
    setPos(next);
  };
  const focusable = (lane: number, item: number) => ({
    tabindex: lane === cur.lane && item === cur.item ? 0 : -1,
    onFocus: () => setPos({ lane, item }),
    onClick: () => {
      setPos({ lane, item });
      activate(lane, item);
    },
  });

  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no fieldset; the chart is one labelled group
    <svg
      ref={root}
      class="timeline-chart"
      data-testid="timeline-chart"
      role="group"
      aria-label="Token lifecycle timeline. Arrow keys move between lanes and marks; Enter opens."
      width={LABEL_W + plotW + 16}
      height={height}
      onKeyDown={onKeyDown}
    >
      <Axis start={start} end={end} x={x} height={height} plotW={plotW} />
      {lanes.map((lane, i) => {
        const mid = laneY(i) + LANE_H / 2;
        const current = selected !== null && lane.fingerprints.includes(selected);
        return (
          // biome-ignore lint/a11y/useSemanticElements: SVG has no fieldset; a lane is a labelled group
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: this <g> is a group, not a control
          <g
            key={lane.id}
            class={`lane${current ? ' is-current' : ''}`}
            data-testid="timeline-lane"
            data-lane-id={lane.id}
            role="group"
            aria-label={lane.description}
          >
            <rect class="lane-bg" x="0" y={laneY(i)} width={LABEL_W + plotW + 16} height={LANE_H} />
            {/* biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; keys are handled on the chart */}
            <g class="lane-label" role="button" data-testid="timeline-lane-label" {...focusable(i, 0)}>
              {/* The accessible name and the tooltip (an aria-label beside it would be read twice). */}
              <title>{`${lane.description}: ${plural(lane.marks.length, 'mark')}. Enter opens its first token.`}</title>
              <rect class="hit" x="2" y={laneY(i) + 2} width={LABEL_W - 8} height={LANE_H - 4} />
              <text x="8" y={mid + 4}>
                {shorten(lane.label)}
              </text>
            </g>
            {lane.marks.map((mark, j) => {
              const clamped = mark.at < start ? 'before' : mark.at > end ? 'after' : undefined;
              return (
                // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; keys are handled on the chart
                <g
                  key={mark.key}
                  class={markClass(mark, mark.fingerprint === selected)}
                  transform={`translate(${x(mark.at).toFixed(1)},${mid})`}
                  role="button"
                  data-testid="timeline-mark"
                  data-kind={mark.kind}
                  data-verdict={mark.verdict}
                  data-rule-id={mark.finding?.ruleId}
                  {...focusable(i, j + 1)}
                >
                  <title>{clamped ? `${mark.label} (${clamped} the window shown)` : mark.label}</title>
                  <rect class="hit" x="-6" y={-LANE_H / 2 + 2} width="12" height={LANE_H - 4} />
                  <MarkShape mark={mark} />
                  {clamped ? <EdgeChevron side={clamped} /> : null}
                </g>
              );
            })}
          </g>
        );
      })}
      {model.links.map((link) => {
        const from = laneIndex.get(link.from);
        const to = laneIndex.get(link.to);
        if (from === undefined || to === undefined) return null;
        const x1 = x(link.at);
        const y0 = laneY(from) + LANE_H / 2;
        const y1 = laneY(to) + LANE_H / 2 + (to > from ? -8 : 8);
        return (
          <path
            key={`${link.from}>${link.to}`}
            class="timeline-link"
            data-testid="timeline-link"
            data-from={link.from}
            data-to={link.to}
            d={`M${x1 - 14},${y0}C${x1 - 2},${y0} ${x1},${(y0 + y1) / 2} ${x1},${y1}`}
          >
            <title>{link.label}</title>
          </path>
        );
      })}
    </svg>
  );
}

function Axis(props: {
  start: number;
  end: number;
  x: (at: number) => number;
  height: number;
  plotW: number;
}) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: nothing in the axis is focusable; it is decoration
    <g class="axis" data-testid="timeline-axis" aria-hidden="true">
      <line x1={LABEL_W} x2={LABEL_W + props.plotW} y1={AXIS_H - 2} y2={AXIS_H - 2} />
      {axisTicks(props.start, props.end, Math.max(3, Math.floor(props.plotW / 90))).map((t) => (
        <g key={t.at} transform={`translate(${props.x(t.at).toFixed(1)},0)`}>
          <line class="grid" y1={AXIS_H - 6} y2={props.height} />
          <text data-testid="timeline-tick" y={AXIS_H - 9} text-anchor="middle">
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}
