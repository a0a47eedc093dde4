import { useEffect, useMemo, useState } from 'preact/hooks';
import { createReportContext, type ReportContext } from '../../core/report';
import type { ParsedToken } from '../../core/types';
import { isProbeableKind } from '../models/exchange-store';
import { purposeLabel } from '../models/token-row';
import { usePanel } from '../panel-context';
import { ClaimTable } from './ClaimTable';
import { FamilySection } from './FamilySection';
import { FindingList } from './FindingList';
import { JsonBlock } from './JsonBlock';
import { ProbeDialog, type ProbeTarget } from './ProbeDialog';
import { ProbeResultsSection } from './ProbeResultsSection';
import { SightingTable } from './SightingTable';
import { TokenText } from './TokenText';

/** The selected token: text by segment, header and claims explained, findings, and where it was seen. */
export function TokenDetail() {
  const { tokens, ui } = usePanel();
  const record = tokens.selectedRecord.value;
  const findings = tokens.selectedFindings.value;
  const reveal = ui.revealToken.value;
  // Masked exactly as the exports mask it (one redaction path), unless the user reveals the token.
  const ctx = useMemo(
    () => createReportContext({ tokens: record ? [record] : [], findings }, reveal),
    [record, findings, reveal],
  );
  const fingerprint = record?.token.fingerprint ?? '';
  const [probeTarget, setProbeTarget] = useState<ProbeTarget | null>(null);
  // A click-through's mark lasts until the user picks another token.
  useEffect(() => {
    if (ui.focusFinding.peek()?.fingerprint !== fingerprint) ui.showFinding(null);
  }, [ui, fingerprint]);
  const scrub = useMemo(() => (s: string) => ctx.scrub(s, fingerprint), [ctx, fingerprint]);
  if (!record) {
    return (
      <section class="detail" aria-label="Token details" data-testid="token-detail-empty">
        <p class="muted">Select a token to see its details.</p>
      </section>
    );
  }
  const { token } = record;
  const target = ui.focusFinding.value;
  const focus = target?.fingerprint === fingerprint ? target : null;
  return (
    <section class="detail" aria-label="Token details" data-testid="token-detail">
      <h2>
        {token.kind.toUpperCase()} token <code data-testid="detail-fingerprint">{token.fingerprint}</code>
        <span class="muted"> · {purposeLabel(record.purpose)}</span>
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
      <h3>Findings ({findings.length})</h3>
      <FindingList findings={findings} focus={focus} />
      <ProbeResultsSection results={tokens.probeResults.value.get(fingerprint)} />
      <FamilySection families={tokens.selectedFamilies.value} onSelect={(fp) => tokens.select(fp)} />
      {token.kind === 'opaque' ? (
        <p class="muted" data-testid="opaque-note">
          Opaque token: not a JWT, so there is no header or claims to read. Only its issuer knows what it
          grants; it is judged by how it travelled.
        </p>
      ) : (
        <TokenParts token={token} ctx={ctx} />
      )}
      {token.nested ? (
        <details class="nested">
          <summary>Nested token {token.nested.fingerprint}</summary>
          <TokenParts token={token.nested} ctx={ctx} />
        </details>
      ) : null}
      <h3>Seen in ({record.sightings.length})</h3>
      <SightingTable
        sightings={record.sightings}
        scrub={scrub}
        verdicts={tokens.verdicts.value}
        onProbe={
          isProbeableKind(token.kind) ? (sighting) => setProbeTarget({ fingerprint, sighting }) : undefined
        }
      />
      {probeTarget ? <ProbeDialog target={probeTarget} onClose={() => setProbeTarget(null)} /> : null}
    </section>
  );
}

/**
 * Header and claims as formatted JSON and as an explained table, plus parse errors and warnings. Personal
 * values are masked by `ctx` as in the exports (all shown when the user reveals the token).
 */
function TokenParts({ token, ctx }: { token: ParsedToken; ctx: ReportContext }) {
  const header = ctx.headerOf(token);
  const claims = ctx.claimsOf(token);
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
      {header ? (
        <>
          <JsonBlock value={header} testId="header-json" />
          <ClaimTable object={header} part="header" />
        </>
      ) : (
        <p class="muted">The header could not be decoded.</p>
      )}
      <h3>Claims</h3>
      {claims ? (
        <>
          <JsonBlock value={claims} testId="claims-json" />
          <ClaimTable object={claims} part="claims" />
        </>
      ) : (
        <p class="muted">
          {token.kind === 'jwe' ? 'Encrypted: the claims cannot be read.' : 'No claims object.'}
        </p>
      )}
    </>
  );
}
