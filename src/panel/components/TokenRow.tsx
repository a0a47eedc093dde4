import { formatExpiry, formatIssueTime, formatNumericDate } from '../models/relative-time';
import { purposeLabel, type TokenRow as Row } from '../models/token-row';
import { KindLabel } from './KindLabel';
import { SeverityBadge } from './SeverityBadge';

interface TokenRowProps {
  row: Row;
  index: number;
  total: number;
  top: number;
  selected: boolean;
  /** The roving tab stop: exactly one row of the list is reachable with Tab. */
  tabbable: boolean;
  now: number;
  onSelect: () => void;
}

/** One line of the token list. Every value is rendered as a text node: token contents are hostile. */
export function TokenRow({ row, index, total, top, selected, tabbable, now, onSelect }: TokenRowProps) {
  const expiry = formatExpiry(row.exp, now);
  const issued = formatIssueTime(row.iat, now);
  const seen = issued === null ? formatIssueTime(row.firstSeen, now) : null;
  return (
    <div
      role="option"
      class={`token-row${selected ? ' selected' : ''}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      tabIndex={tabbable ? 0 : -1}
      data-testid="token-row"
      data-index={index}
      data-fingerprint={row.fingerprint}
      data-severity={row.severity ?? 'none'}
      style={{ top: `${top}px` }}
      onClick={() => onSelect()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <span class="cell cell-severity">
        <SeverityBadge severity={row.severity} />
        {row.findingCount > 0 ? <span class="count">{row.findingCount}</span> : null}
      </span>
      <span class="cell cell-purpose" data-testid="token-purpose" data-purpose={row.purpose}>
        {purposeLabel(row.purpose)}
      </span>
      <span class="cell cell-where" title={row.where}>
        <KindLabel kind={row.kind} />
        {row.where || '—'}
      </span>
      <span class="cell cell-iss" title={row.iss}>
        {row.iss || '—'}
      </span>
      <span class="cell cell-sub" title={row.sub}>
        {row.sub || '—'}
      </span>
      <span class="cell cell-iat" data-testid="token-issued" title={issuedTitle(row)}>
        {issued ?? (seen ? `seen ${seen}` : 'no iat')}
      </span>
      <span
        class={`cell cell-exp${expiry.startsWith('expired') ? ' expired' : ''}`}
        data-testid="token-expiry"
      >
        {expiry}
      </span>
    </div>
  );
}

/** The issue time in full, as the cell's tooltip (or, with no `iat`, when the token was first seen). */
function issuedTitle(row: Row): string | undefined {
  const issued = formatNumericDate(row.iat);
  if (issued) return `issued ${issued.local} (${issued.iso})`;
  const seen = formatNumericDate(row.firstSeen);
  return seen ? `no iat; first seen ${seen.local} (${seen.iso})` : undefined;
}
