import type { JsonObject } from '../../core/types';
import { claimNote, TIME_CLAIMS } from '../models/claim-notes';
import { formatNumericDate } from '../models/relative-time';

/** Longest value shown in a table cell; the formatted JSON above shows everything. */
const MAX_VALUE_CHARS = 500;

/** One row per header parameter or claim: name, value, and what it means (times made readable). */
export function ClaimTable({ object, part }: { object: JsonObject; part: 'header' | 'claims' }) {
  const entries = Object.entries(object);
  if (entries.length === 0) return null;
  return (
    <table class="claims" data-testid={`${part}-table`}>
      <thead>
        <tr>
          <th scope="col">{part === 'header' ? 'Parameter' : 'Claim'}</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name} data-claim={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code>{preview(value)}</code>
              {part === 'claims' && TIME_CLAIMS.has(name) ? <TimeNote value={value} /> : null}
            </td>
            <td class="muted">{claimNote(name, part) ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimeNote({ value }: { value: unknown }) {
  const date = formatNumericDate(value);
  if (!date) return <div class="warn">not a NumericDate</div>;
  return (
    <div class="time" data-testid="claim-time">
      {date.local} · <time dateTime={date.iso}>{date.iso}</time>
    </div>
  );
}

/** A claim value as compact JSON, cut to a readable length. */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}
