import { useMemo } from 'preact/hooks';
import { createScrubber } from '../../core/report';
import type { ParsedToken } from '../../core/types';
import { usePanel } from '../panel-context';
import { ClaimTable } from './ClaimTable';
import { FindingList } from './FindingList';
import { JsonBlock } from './JsonBlock';
import { SightingTable } from './SightingTable';
import { TokenText } from './TokenText';

/** The selected token: text by segment, header and claims explained, findings, and where it was seen. */
export function TokenDetail() {
  const { tokens, ui } = usePanel();
  const record = tokens.selectedRecord.value;
  const reveal = ui.revealToken.value;
  const text = record?.token.text ?? '';
  const scrub = useMemo(() => (reveal ? (s: string) => s : createScrubber([text])), [reveal, text]);
  if (!record) {
    return (
      <section class="detail" aria-label="Token details" data-testid="token-detail-empty">
        <p class="muted">Select a token to see its details.</p>
      </section>
    );
  }
  const { token } = record;
  return (
    <section class="detail" aria-label="Token details" data-testid="token-detail">
      <h2>
        {token.kind.toUpperCase()} token <code data-testid="detail-fingerprint">{token.fingerprint}</code>
        <span class="muted"> · {record.purpose}</span>
      </h2>
      <label class="check">
        <input
          type="checkbox"
          data-testid="reveal-token"
          checked={reveal}
          onChange={(e) => ui.setRevealToken(e.currentTarget.checked)}
        />
        Show full token
      </label>
      <TokenText text={token.text} reveal={reveal} opaque={token.kind === 'opaque'} />
      <h3>Findings ({tokens.selectedFindings.value.length})</h3>
      <FindingList findings={tokens.selectedFindings.value} />
      {token.kind === 'opaque' ? (
        <p class="muted" data-testid="opaque-note">
          Opaque token: not a JWT, so there is no header or claims to read. Only its issuer knows what it
          grants; it is judged by how it travelled.
        </p>
      ) : (
        <TokenParts token={token} />
      )}
      {token.nested ? (
        <details class="nested">
          <summary>Nested token {token.nested.fingerprint}</summary>
          <TokenParts token={token.nested} />
        </details>
      ) : null}
      <h3>Seen in ({record.sightings.length})</h3>
      <SightingTable sightings={record.sightings} scrub={scrub} />
    </section>
  );
}

/** Header and claims as formatted JSON and as an explained table, plus parse errors and warnings. */
function TokenParts({ token }: { token: ParsedToken }) {
  const problems = [
    ...new Set([...token.errors, ...token.warnings, ...(token.payloadProblem ? [token.payloadProblem] : [])]),
  ];
  return (
    <>
      {problems.length > 0 ? (
        <ul class="problems" aria-label="Parse problems" data-testid="parse-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <h3>Header</h3>
      {token.header ? (
        <>
          <JsonBlock value={token.header} testId="header-json" />
          <ClaimTable object={token.header} part="header" />
        </>
      ) : (
        <p class="muted">The header could not be decoded.</p>
      )}
      <h3>Claims</h3>
      {token.claims ? (
        <>
          <JsonBlock value={token.claims} testId="claims-json" />
          <ClaimTable object={token.claims} part="claims" />
        </>
      ) : (
        <p class="muted">
          {token.kind === 'jwe' ? 'Encrypted: the claims cannot be read.' : 'No claims object.'}
        </p>
      )}
    </>
  );
}
