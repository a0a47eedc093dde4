import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A modal dialog: labelled by its title, focus moved into it on open and given back on close, Escape
 * closes it. A plain element rather than `<dialog>`, whose top layer DevTools panels render oddly.
 */
export function Dialog({ title, testId, onClose, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('textarea, input, button')?.focus();
    return () => opener?.focus?.();
  }, []);
  const id = `${testId}-title`;
  return (
    <div class="backdrop">
      <div
        ref={box}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
