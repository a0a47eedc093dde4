/** Longest JSON shown; beyond this the rest is summarised, so a hostile payload cannot freeze the panel. */
const MAX_JSON_CHARS = 64 * 1024;

/** Formatted JSON as a single text node in a `<pre>`. */
export function JsonBlock({ value, testId }: { value: unknown; testId: string }) {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    text = '(cannot be shown)';
  }
  const shown =
    text.length > MAX_JSON_CHARS
      ? `${text.slice(0, MAX_JSON_CHARS)}\n… (${text.length - MAX_JSON_CHARS} more characters)`
      : text;
  return (
    <pre class="json" data-testid={testId}>
      {shown}
    </pre>
  );
}
