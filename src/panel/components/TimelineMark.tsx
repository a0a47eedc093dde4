import type { TimelineMark as Mark } from '../models/timeline';

/** Half the height of a lane's drawing area, px (the lane is 34 px; see TimelineChart). */
const HALF = 13;

/**
 * The shape of a mark, centred on 0,0. Verdicts differ by shape as well as colour (accepted: a filled
 * dot; rejected: a cross; unknown: a hollow diamond), so colour is never the only cue.
 */
export function MarkShape({ mark }: { mark: Mark }) {
  switch (mark.kind) {
    case 'use':
      if (mark.verdict === 'accepted') return <circle class="shape" r="4.5" />;
      if (mark.verdict === 'rejected') return <path class="shape" d="M-4,-4L4,4M-4,4L4,-4" />;
      return <path class="shape" d="M0,-5L5,0L0,5L-5,0Z" />;
    case 'issue':
      // An opening bracket: where the token's life starts (the expiry's dashed line is where it ends).
      return <path class="shape" d={`M5,${-HALF}H0V${HALF}H5`} />;
    case 'expiry':
      return <path class="shape" d={`M0,${-HALF}V${HALF}`} />;
    case 'event':
      return <path class="shape" d={`M0,${-HALF}V${HALF}M-4,${-HALF}H4`} />;
    default:
      return <path class="shape" d="M0,-12L5,-4H-5Z" />;
  }
}

/** A mark outside the window is drawn at its edge with a chevron pointing out of the window. */
export function EdgeChevron({ side }: { side: 'before' | 'after' }) {
  return <path class="shape chevron" d={side === 'after' ? 'M-9,-4L-5,0L-9,4' : 'M9,-4L5,0L9,4'} />;
}

/** A mark's class: its kind, and its verdict, severity or event kind, for the palette in panel.css. */
export function markClass(mark: Mark, selected: boolean): string {
  const variant = mark.verdict ?? mark.severity ?? mark.eventKind ?? '';
  return `mark mark-${mark.kind}${variant ? ` mark-${variant}` : ''}${selected ? ' is-selected' : ''}`;
}
