import type { ProbeVerdict } from '../../core/probe';
import type { ProbeOutcomeView, ProbeRunView, TokenProbeResults } from '../models/probe-report';
import { FindingList } from './FindingList';

/**
 * A probe's verdict in words, coloured as the sightings' verdicts are but the other way round: a tampered
 * token the server accepted is the flaw (the colour of a rejected use), a refusal is the pass.
 */
const PROBE_VERDICTS: Record<ProbeVerdict, { label: string; className: string }> = {
  accepted: { label: 'accepted: flaw', className: 'verdict-rejected' },
  rejected: { label: 'rejected: pass', className: 'verdict-accepted' },
  inconclusive: { label: 'inconclusive', className: 'verdict-unknown' },
};

/** An answer as one cell: the status (and content type), or the error when none came. */
function answer(outcome: ProbeOutcomeView | undefined): string {
  if (!outcome) return '—';
  if (outcome.status === undefined) return outcome.error ?? 'no answer';
  return outcome.contentType ? `${outcome.status} ${outcome.contentType}` : String(outcome.status);
}

/** One run: the request, its two references (baseline, negative control), then each tampered case. */
function RunTable({ run }: { run: ProbeRunView }) {
  return (
    <div class="probe-run" data-testid="probe-run">
      <p>
        <code>
          {run.method} {run.url}
        </code>
        {run.slot ? <span class="muted"> · token in {run.slot}</span> : null}
        {run.startedAt ? <span class="muted"> · {run.startedAt}</span> : null}
      </p>
      <p class="muted">
        Baseline: {answer(run.baseline)} · without the token: {answer(run.negativeControl)}
        {run.stopped ? <strong class="warn"> · stopped: {run.stopped}</strong> : null}
      </p>
      {run.passed.length > 0 ? (
        <p class="muted" data-testid="probe-passed">
          Refused every probe of: {run.passed.join(', ')} (the control operates).
        </p>
      ) : null}
      {run.outcomes.length > 0 ? (
        <table class="sightings" data-testid="probe-outcomes">
          <thead>
            <tr>
              <th scope="col">Probe</th>
              <th scope="col">What changed</th>
              <th scope="col">Answer</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {run.outcomes.map((o, i) => (
              <tr key={`${o.caseId}:${i}`} data-testid="probe-outcome" data-verdict={o.verdict}>
                <td>
                  <code>{o.caseId || o.kind}</code>
                </td>
                <td>{o.change}</td>
                <td>{answer(o)}</td>
                <td>
                  <span class={`verdict ${PROBE_VERDICTS[o.verdict].className}`}>
                    {PROBE_VERDICTS[o.verdict].label}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/**
 * What `jwt-lens probe` proved about this token, from an imported report: the findings (an accepted
 * tampered token) with their evidence, and each run's cases with the server's answers.
 */
export function ProbeResultsSection({ results }: { results: TokenProbeResults | undefined }) {
  if (!results) return null;
  return (
    <section aria-label="Probe results" data-testid="probe-results">
      <h3>Probe results ({results.findings.length})</h3>
      <p class="muted">
        From an imported <code>jwt-lens probe</code> report: what the server accepted when the CLI replayed
        the request with tampered tokens.
      </p>
      {results.findings.length > 0 ? (
        <FindingList findings={results.findings} />
      ) : (
        <p class="muted" data-testid="probe-no-findings">
          No probe finding for this token: no tampered token was judged accepted (each case's verdict is
          below).
        </p>
      )}
      {results.runs.map((run, i) => (
        <RunTable key={i} run={run} />
      ))}
    </section>
  );
}
