import type { ComponentChild } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';

/** Renders into a fresh container attached to the document; returns it and a cleanup. */
export function mount(node: ComponentChild): { root: HTMLElement; unmount: () => void } {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(node, root);
  });
  return {
    root,
    unmount: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

/** All elements with a `data-testid`. */
export function byTestId(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}

/** The first element with a `data-testid`, or a thrown error naming it. */
export function oneByTestId(root: ParentNode, id: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

/** A button by its accessible name (its text). */
export function buttonByName(root: ParentNode, name: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!button) throw new Error(`no button named "${name}"`);
  return button;
}

/** A hostile claim value: markup and script that must come out as text. */
export const HOSTILE =
  '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><b>bold</b>';
