import { useRef } from 'preact/hooks';

/** Largest file read into memory (a HAR of a long session can be large; a wordlist too). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface FilePickerProps {
  /** The button's accessible name ("Import HAR"). */
  label: string;
  /** `data-testid` of the button; the file input gets `<testId>-input`. */
  testId: string;
  accept: string;
  /** Gets the file's text (files up to `MAX_FILE_BYTES`)… */
  onText?: (text: string, fileName: string) => void;
  /** …or the file itself, of any size, to stream (replaces `onText`). */
  onFile?: (file: File) => void;
  onError: (message: string) => void;
}

/**
 * A toolbar button that opens a file chooser and hands the file (or its text) over. The input is hidden but
 * labelled, so automation can set files on it directly (`<testId>-input`).
 */
export function FilePicker({ label, testId, accept, onText, onFile, onError }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = async () => {
    const element = input.current;
    const file = element?.files?.[0];
    if (!element || !file) return;
    // Reset so choosing the same file again fires another change event.
    element.value = '';
    if (onFile) return onFile(file);
    if (file.size > MAX_FILE_BYTES) return onError(`${file.name} is larger than ${MAX_FILE_BYTES >> 20} MiB`);
    try {
      onText?.(await file.text(), file.name);
    } catch {
      onError(`Could not read ${file.name}`);
    }
  };
  return (
    <>
      <button type="button" data-testid={testId} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        aria-label={`${label} file`}
        data-testid={`${testId}-input`}
        onChange={() => void onChange()}
      />
    </>
  );
}
