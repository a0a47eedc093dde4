import type { TimelineMark } from '../models/timeline';
import { MarkShape, markClass } from './TimelineMark';

/** One sample of each mark, drawn as in the chart: shapes and colours explained in words. */
const SAMPLES: { mark: TimelineMark; text: string }[] = [
  { mark: sample('use', { verdict: 'accepted' }), text: 'accepted' },
  { mark: sample('use', { verdict: 'rejected' }), text: 'rejected' },
  { mark: sample('use', { verdict: 'unknown' }), text: 'unknown' },
  { mark: sample('issue'), text: 'issued' },
  { mark: sample('event', { eventKind: 'logout' }), text: 'logout / revocation' },
  { mark: sample('expiry'), text: 'expiry' },
  { mark: sample('finding', { severity: 'high' }), text: 'finding' },
];

function sample(kind: TimelineMark['kind'], extra: Partial<TimelineMark> = {}): TimelineMark {
  return { key: kind, kind, at: 0, fingerprint: '', label: '', ...extra };
}

export function TimelineLegend() {
  return (
    <ul class="timeline-legend" aria-label="Legend" data-testid="timeline-legend">
      {SAMPLES.map(({ mark, text }) => (
        <li key={text}>
          <svg width="16" height="28" viewBox="-8 -14 16 28" aria-hidden="true">
            <g class={markClass(mark, false)}>
              <MarkShape mark={mark} />
            </g>
          </svg>
          {text}
        </li>
      ))}
      <li>
        <svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">
          <path class="timeline-link" d="M0,2C10,2 20,4 20,12" />
        </svg>
        refresh
      </li>
    </ul>
  );
}
