/**
 * Copies text for the user: the async Clipboard API first, then, where a DevTools panel frame is not
 * granted it, the older `execCommand('copy')` on a hidden text field (allowed during a click). Resolves to
 * whether either worked. Nothing is read from the clipboard.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    const clipboard = doc.defaultView?.navigator.clipboard;
    if (clipboard) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Not granted here: fall back below.
  }
  const field = doc.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  const active = doc.activeElement as HTMLElement | null;
  doc.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  active?.focus?.();
  return copied;
}
