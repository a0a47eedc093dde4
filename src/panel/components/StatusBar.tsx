import { plural } from '../models/plural';
import { usePanel } from '../panel-context';

/** Counters (requests, tokens, findings, dropped), capture problems, and the last action's outcome. */
export function StatusBar() {
  const { tokens, ui } = usePanel();
  const c = tokens.counters.value;
  const findings = tokens.result.value.findings.length;
  const problems = tokens.problems.value;
  const message = ui.message.value;
  const droppedWhy =
    `${c.droppedTokens} oldest tokens evicted (cap reached), ${c.droppedSightings} sightings dropped, ` +
    `${c.droppedPaused} requests ignored while paused, ${c.droppedBurst} requests dropped in a burst`;
  return (
    <footer class="status">
      <span data-testid="counter-requests">{plural(c.entries, 'request')}</span>
      <span data-testid="counter-tokens">{plural(c.tokens, 'token')}</span>
      <span data-testid="counter-findings">{plural(findings, 'finding')}</span>
      <span data-testid="counter-dropped" class={c.dropped > 0 ? 'warn' : ''} title={droppedWhy}>
        {c.dropped} dropped
      </span>
      {tokens.paused.value ? (
        <span class="warn" data-testid="paused-indicator">
          Capture paused
        </span>
      ) : null}
      {problems.length > 0 ? (
        <details class="problems" data-testid="capture-problems">
          <summary>{plural(problems.length, 'capture problem')}</summary>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <span class={`message ${message?.kind ?? ''}`} role="status" data-testid="status-message">
        {message?.text ?? ''}
      </span>
    </footer>
  );
}
