import type { ActionResult } from '../models/input-actions';
import { usePanel } from '../panel-context';
import { FilePicker } from './FilePicker';

/**
 * Baseline actions beside the exports: "Save as baseline" (learned in the worker, kept in the browser and
 * downloaded as the CLI's `jwt-baseline.json`), "Import baseline…" (the CLI's file), "Compare with
 * baseline" (drift findings join the others) and "Forget baseline".
 */
export function BaselineBar() {
  const { baseline, tokens, ui } = usePanel();
  const kept = baseline.kept.value;
  const comparing = baseline.comparing.value;
  const report = (outcome: ActionResult) =>
    ui.say(outcome.ok ? { kind: 'info', text: outcome.message } : { kind: 'error', text: outcome.error });
  const inputs = kept?.baseline.learnedFrom.inputs ?? [];
  const title = kept
    ? `Baseline learned from ${inputs.length > 0 ? inputs.join(', ') : 'no named input'}: ${kept.baseline.profiles.length} profiles`
    : 'No baseline yet: save one from this capture, or import jwt-baseline.json';
  return (
    <span class="group">
      <button
        type="button"
        data-testid="baseline-save"
        title="Learn a baseline from this capture, keep it in this browser and download it as jwt-baseline.json (as jwt-lens baseline)"
        onClick={async () => report(await baseline.save())}
      >
        Save as baseline
      </button>
      <FilePicker
        label="Import baseline…"
        testId="baseline-import"
        accept=".json,application/json"
        onText={async (text, name) => report(await baseline.importFile(text, name))}
        onError={(text) => report({ ok: false, error: text })}
      />
      <button
        type="button"
        data-testid="baseline-compare"
        aria-pressed={comparing}
        disabled={!kept}
        title={title}
        onClick={async () => {
          if (!comparing) return report(await baseline.compare());
          tokens.setFilters({ drift: false });
          report(baseline.stopComparing());
        }}
      >
        Compare with baseline
      </button>
      <button
        type="button"
        data-testid="baseline-forget"
        disabled={!kept}
        title="Stop comparing and remove the kept baseline from this browser"
        onClick={async () => {
          tokens.setFilters({ drift: false });
          report(await baseline.forget());
        }}
      >
        Forget baseline
      </button>
    </span>
  );
}
