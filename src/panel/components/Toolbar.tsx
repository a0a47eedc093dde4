import { usePanel } from '../panel-context';
import { BaselineBar } from './BaselineBar';
import { ExportBar } from './ExportBar';
import { FilePicker } from './FilePicker';
import { ImportHar } from './ImportHar';

/** Capture controls, input actions, exports and settings, in the order DevTools users expect. */
export function Toolbar() {
  const { tokens, settings, ui, onWordlist } = usePanel();
  const paused = tokens.paused.value;
  const report = (outcome: { ok: true; message: string } | { ok: false; error: string }) =>
    ui.say(outcome.ok ? { kind: 'info', text: outcome.message } : { kind: 'error', text: outcome.error });
  const loadWordlist = async (text: string, name: string) => {
    if (!onWordlist) return ui.say({ kind: 'error', text: 'Wordlists are not available here.' });
    try {
      const outcome = await onWordlist(text, name);
      ui.say({ kind: 'info', text: outcome || `Loaded wordlist ${name}` });
    } catch {
      ui.say({ kind: 'error', text: `Could not load wordlist ${name}` });
    }
  };
  return (
    <div class="toolbar" role="toolbar" aria-label="JWT Lens toolbar">
      <button
        type="button"
        data-testid="pause"
        aria-pressed={paused}
        onClick={() => tokens.setPaused(!paused)}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" data-testid="clear" onClick={() => tokens.clear()}>
        Clear
      </button>
      <label class="check">
        <input
          type="checkbox"
          data-testid="preserve-log"
          checked={tokens.preserve.value}
          onChange={(e) => void settings.setPreserveLog(e.currentTarget.checked)}
        />
        Preserve log
      </label>
      <span class="sep" aria-hidden="true" />
      <ImportHar />
      <button type="button" data-testid="paste-token" onClick={() => ui.open('paste')}>
        Paste token
      </button>
      <button
        type="button"
        data-testid="scan-storage"
        onClick={async () => report(await tokens.scanStorage())}
      >
        Scan storage
      </button>
      <FilePicker
        label="Load wordlist"
        testId="load-wordlist"
        accept=".txt,text/plain"
        onText={(text, name) => void loadWordlist(text, name)}
        onError={(text) => report({ ok: false, error: text })}
      />
      <span class="sep" aria-hidden="true" />
      <ExportBar />
      <span class="sep" aria-hidden="true" />
      <BaselineBar />
      <span class="spacer" />
      <button type="button" data-testid="open-settings" onClick={() => ui.open('settings')}>
        Settings
      </button>
    </div>
  );
}
