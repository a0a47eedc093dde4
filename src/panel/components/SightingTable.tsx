import type { ServerVerdict } from '../../core/lifecycle/types';
import type { Sighting } from '../../core/types';
import { isProbeable } from '../models/exchange-store';
import { WHERE_LABELS } from '../models/token-row';

/** Longest URL shown in a cell: its start and end are kept (host and path, and the query's last names). */
const MAX_URL_CHARS = 200;
const URL_TAIL_CHARS = 60;

/** A long URL with its middle elided, so both the host and path and the end of the query stay readable. */
export function elideMiddle(text: string, max = MAX_URL_CHARS, tail = URL_TAIL_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - tail - 1)}…${text.slice(text.length - tail)}`;
}

/** Where a URL may wrap: after each `/`, `?`, `&` and `#`, so lines break between path segments. */
const URL_BREAK_AFTER = /(?<=[/?&#])/;

/** A URL as text with line-break opportunities (`<wbr>`) between its segments; all text nodes. */
function BreakableUrl({ url }: { url: string }) {
  const parts = url.split(URL_BREAK_AFTER);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </>
  );
}

/** A sighting's request time as the local time of day (the ISO time is its tooltip and `dateTime`). */
function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** The requests (and other places) that carried the token, most recent last. */
export function SightingTable({
  sightings,
  scrub,
  verdicts,
  onProbe,
}: {
  sightings: readonly Sighting[];
  scrub: (text: string) => string;
  /** What the server did with each sighting that was a use, by sighting id (issue 13). */
  verdicts?: ReadonlyMap<string, ServerVerdict>;
  /** Opens "Probe this request…" for a sighting in a request a probe can replay. */
  onProbe?: (sighting: Sighting) => void;
}) {
  return (
    <table class="sightings" data-testid="sightings">
      <colgroup>
        <col class="col-where" />
        <col class="col-name" />
        <col />
        <col class="col-status" />
        <col class="col-verdict" />
        <col class="col-time" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Name</th>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">Verdict</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {sightings.map((s) => (
          <SightingRow
            key={s.id}
            sighting={s}
            scrub={scrub}
            verdict={verdicts?.get(s.id)}
            onProbe={onProbe && isProbeable(s) ? () => onProbe(s) : undefined}
          />
        ))}
      </tbody>
    </table>
  );
}

/** A sighting; token text inside its URL or name is masked unless the user revealed the token. */
function SightingRow({
  sighting: s,
  scrub,
  verdict,
  onProbe,
}: {
  sighting: Sighting;
  scrub: (text: string) => string;
  verdict: ServerVerdict | undefined;
  onProbe: (() => void) | undefined;
}) {
  const url = scrub(s.url);
  return (
    <tr data-testid="sighting" data-where={s.where}>
      <td>{WHERE_LABELS[s.where] ?? s.where}</td>
      <td>
        <code>{scrub(s.name)}</code>
      </td>
      <td class="url" title={url} data-testid="sighting-request">
        {s.method ? `${s.method} ` : ''}
        {url ? <BreakableUrl url={elideMiddle(url)} /> : '—'}
        {onProbe ? (
          <div>
            <button type="button" class="probe-open" data-testid="probe-open" onClick={onProbe}>
              Probe this request…
            </button>
          </div>
        ) : null}
      </td>
      <td>{s.status || '—'}</td>
      <VerdictCell verdict={verdict} />
      <td>
        {s.startedAt ? (
          <time dateTime={s.startedAt} title={s.startedAt}>
            {localTime(s.startedAt)}
          </time>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/** Shape cue beside the word, so the verdict never rests on colour alone. */
const VERDICT_ICONS: Record<ServerVerdict['verdict'], string> = {
  accepted: '✓',
  rejected: '✗',
  unknown: '?',
};

/** The server's verdict: the word, the reason, and the RFC 6750 error and description (server text, as text). */
function VerdictCell({ verdict }: { verdict: ServerVerdict | undefined }) {
  if (!verdict) return <td class="muted">—</td>;
  const v = verdict.verdict;
  return (
    <td data-testid="sighting-verdict" data-verdict={v}>
      <span class={`verdict verdict-${v}`}>
        <span aria-hidden="true">{VERDICT_ICONS[v] ?? '?'} </span>
        {v}
      </span>
      {verdict.reason ? <span class="muted"> · {verdict.reason}</span> : null}
      {verdict.error ? (
        <div class="verdict-error" data-testid="verdict-error">
          <code>{verdict.error}</code>
          {verdict.errorDescription ? `: ${verdict.errorDescription}` : ''}
        </div>
      ) : null}
    </td>
  );
}
