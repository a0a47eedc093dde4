/**
 * The first `localeCompare` and `toLocaleString` of a page load the browser's collation and date
 * formatting data: tens of milliseconds, which would land on the first publish (the first captured
 * request, or the first batch of an import) and block that frame. Doing it once while the panel is
 * idle after mounting moves that cost off the capture path.
 */
export function warmIntlWhenIdle(): void {
  const warm = () => {
    'a'.localeCompare('b');
    const date = new Date(0);
    date.toLocaleString();
    date.toLocaleTimeString();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 0);
}
