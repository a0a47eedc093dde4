import { usePanel } from '../panel-context';
import { Dialog } from './Dialog';

/** The policy editor: JSON validated by the core's `resolvePolicy`, saved when valid. */
export function SettingsDialog() {
  const { settings, ui } = usePanel();
  const errors = settings.errors.value;
  const status = settings.status.value;
  return (
    <Dialog title="Settings" testId="settings-dialog" onClose={ui.close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void settings.apply();
        }}
      >
        <p class="muted">
          The audit policy, the same JSON the CLI reads with <code>--policy</code>. Saved in this browser
          only.
        </p>
        <textarea
          aria-label="Policy (JSON)"
          data-testid="policy-input"
          rows={18}
          spellcheck={false}
          value={settings.draft.value}
          onInput={(e) => settings.setDraft(e.currentTarget.value)}
        />
        {errors.length > 0 ? (
          <ul class="error" role="alert" data-testid="policy-errors">
            {[...new Set(errors)].map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        ) : null}
        <p class="muted" role="status" data-testid="policy-status">
          {STATUS_TEXT[status]}
        </p>
        <div class="actions">
          <button type="submit" data-testid="policy-apply">
            Apply policy
          </button>
          <button type="button" data-testid="policy-reset" onClick={() => void settings.reset()}>
            Reset to defaults
          </button>
          <button type="button" onClick={ui.close}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const STATUS_TEXT: Record<string, string> = {
  loading: 'Loading…',
  ready: '',
  saved: 'Policy applied and saved.',
  invalid: 'The policy was not applied.',
  'save-failed': 'Policy applied, but it could not be saved.',
};
