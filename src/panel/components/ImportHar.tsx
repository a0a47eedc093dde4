import { useRef, useState } from 'preact/hooks';
import { usePanel } from '../panel-context';
import { FilePicker } from './FilePicker';

/** How far a streamed import has read. */
interface Progress {
  bytes: number;
  size: number;
}

const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);

/**
 * Import HAR: streams the chosen file through the capture (in the core worker), with a progress bar of
 * bytes read over the file's size and a Cancel button. Cancel stops reading and keeps what was read
 * before it (the button's title says so, and the status line after).
 */
export function ImportHar() {
  const { tokens, ui } = usePanel();
  const [progress, setProgress] = useState<Progress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const start = async (file: File) => {
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ bytes: 0, size: file.size });
    ui.say({ kind: 'info', text: `Importing ${file.name}…` });
    const outcome = await tokens.importFile(file, {
      signal: controller.signal,
      onProgress: (bytes, size) => setProgress({ bytes, size }),
    });
    abort.current = null;
    setProgress(null);
    ui.say(outcome.ok ? { kind: 'info', text: outcome.message } : { kind: 'error', text: outcome.error });
  };
  if (!progress)
    return (
      <FilePicker
        label="Import HAR"
        testId="import-har"
        accept=".har,.json,application/json"
        onFile={(file) => void start(file)}
        onError={(text) => ui.say({ kind: 'error', text })}
      />
    );
  return (
    <span class="import-progress" data-testid="import-running">
      <progress
        data-testid="import-progress"
        aria-label="Import progress"
        max={Math.max(1, progress.size)}
        value={progress.bytes}
      />
      <span data-testid="import-progress-text">
        {mib(progress.bytes)} / {mib(progress.size)} MiB
      </span>
      <button
        type="button"
        data-testid="import-cancel"
        title="Stop reading the file: the requests read so far stay"
        onClick={() => abort.current?.abort()}
      >
        Cancel import
      </button>
    </span>
  );
}
