import type { Sighting } from '../../core/types';
import { WHERE_LABELS } from '../models/token-row';

/** Longest URL shown in a cell; the full one is in the cell's tooltip. */
const MAX_URL_CHARS = 300;

/** The requests (and other places) that carried the token, most recent last. */
export function SightingTable({
  sightings,
  scrub,
}: {
  sightings: readonly Sighting[];
  scrub: (text: string) => string;
}) {
  return (
    <table class="sightings" data-testid="sightings">
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Name</th>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {sightings.map((s) => (
          <SightingRow key={s.id} sighting={s} scrub={scrub} />
        ))}
      </tbody>
    </table>
  );
}

/** A sighting; token text inside its URL or name is masked unless the user revealed the token. */
function SightingRow({ sighting: s, scrub }: { sighting: Sighting; scrub: (text: string) => string }) {
  const url = scrub(s.url);
  return (
    <tr data-testid="sighting" data-where={s.where}>
      <td>{WHERE_LABELS[s.where] ?? s.where}</td>
      <td>
        <code>{scrub(s.name)}</code>
      </td>
      <td class="url" title={url}>
        {s.method ? `${s.method} ` : ''}
        {url.length > MAX_URL_CHARS ? `${url.slice(0, MAX_URL_CHARS)}…` : url || '—'}
      </td>
      <td>{s.status || '—'}</td>
      <td>{s.startedAt ? <time dateTime={s.startedAt}>{s.startedAt}</time> : '—'}</td>
    </tr>
  );
}
