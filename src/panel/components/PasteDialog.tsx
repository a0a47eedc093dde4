import { useState } from 'preact/hooks';
import { usePanel } from '../panel-context';
import { Dialog } from './Dialog';

/** Paste a token (or any text holding tokens: a header, a JSON response) to audit it on its own. */
export function PasteDialog() {
  const { tokens, ui } = usePanel();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const outcome = tokens.pasteToken(text);
    if (!outcome.ok) return setError(outcome.error);
    ui.say({ kind: 'info', text: outcome.message });
    ui.close();
  };
  return (
    <Dialog title="Paste a token" testId="paste-dialog" onClose={ui.close}>
      <form onSubmit={submit}>
        <textarea
          aria-label="Token to audit"
          data-testid="paste-input"
          rows={6}
          spellcheck={false}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" data-testid="paste-submit">
            Audit token
          </button>
          <button type="button" onClick={ui.close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
