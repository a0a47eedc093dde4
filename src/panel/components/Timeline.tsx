import { useMemo } from 'preact/hooks';
import { buildTimeline, MAX_LANE_USES, MAX_TIMELINE_LANES, type TimelineModel } from '../models/timeline';
import type { TimelineGrouping } from '../models/timeline-lanes';
import { usePanel } from '../panel-context';
import { type OpenMark, TimelineChart } from './TimelineChart';
import { TimelineLegend } from './TimelineLegend';
import { useWidth } from './use-width';

/** Width of the chart until the pane is measured, px. */
const DEFAULT_WIDTH = 900;

const GROUPINGS: { value: TimelineGrouping; label: string }[] = [
  { value: 'family', label: 'Per family' },
  { value: 'issuer', label: 'Per issuer' },
];

/**
 * The lifecycle Timeline (issue 13): the tokens the filters let through, one lane per family or per issuer.
 * Opening a mark selects its token in the detail view; a finding marker also scrolls to that finding.
 */
export function Timeline() {
  const { tokens, ui } = usePanel();
  const result = tokens.result.value;
  const shown = tokens.visible.value;
  const grouping = ui.timelineGrouping.value;
  const { ref, width } = useWidth<HTMLElement>(DEFAULT_WIDTH);
  const model = useMemo(() => buildTimeline(result, shown, grouping), [result, shown, grouping]);
  const open: OpenMark = (mark, lane) => {
    const fingerprint = mark?.fingerprint || lane.fingerprints[0];
    if (!fingerprint) return;
    tokens.select(fingerprint);
    ui.showFinding(mark?.finding ? { fingerprint, ...mark.finding } : null);
  };
  return (
    <section ref={ref} class="timeline" aria-label="Timeline" data-testid="timeline">
      <div class="timeline-head">
        <fieldset class="segmented" aria-label="Timeline lanes">
          {GROUPINGS.map((g) => (
            <button
              key={g.value}
              type="button"
              data-testid={`timeline-group-${g.value}`}
              aria-pressed={grouping === g.value}
              onClick={() => ui.setTimelineGrouping(g.value)}
            >
              {g.label}
            </button>
          ))}
        </fieldset>
        <TimelineLegend />
      </div>
      <Notice model={model} />
      {model.lanes.length === 0 ? (
        <p class="empty" data-testid="timeline-empty">
          {result.tokens.length === 0
            ? 'No tokens yet. The Timeline shows each token family: its issue, every use and what the server did with it, refreshes, logouts and expiry.'
            : 'Nothing with a time to draw: no token shown has a use, an issue time or an expiry.'}
        </p>
      ) : (
        <div class="timeline-scroll">
          <TimelineChart model={model} width={width} selected={tokens.selected.value} onOpen={open} />
        </div>
      )}
    </section>
  );
}

/** Says what the bounds left out, so a capped Timeline is never mistaken for the whole story. */
function Notice({ model }: { model: TimelineModel }) {
  const { lanes, marks, untimed } = model.omitted;
  const parts = [
    lanes > 0 ? `${lanes} more lane${lanes === 1 ? '' : 's'} not drawn (at most ${MAX_TIMELINE_LANES})` : '',
    marks > 0
      ? `${marks} mark${marks === 1 ? '' : 's'} not drawn (at most ${MAX_LANE_USES} uses a lane)`
      : '',
    untimed > 0 ? `${untimed} use${untimed === 1 ? '' : 's'} with no request time` : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p class="timeline-notice" role="status" data-testid="timeline-omitted">
      {parts.join(' · ')}. Narrow the filters to see them.
    </p>
  );
}
