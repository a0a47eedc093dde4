// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../../src/panel/components/Dialog';
import { mount } from './render';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

function open(onClose = () => {}) {
  const opener = document.createElement('button');
  opener.textContent = 'Settings';
  document.body.append(opener);
  opener.focus();
  const { root, unmount } = mount(
    <Dialog title="Settings" testId="dlg" onClose={onClose}>
      <input aria-label="first" />
      <button type="button">Cancel</button>
      <button type="button">Save</button>
    </Dialog>,
  );
  cleanups.push(() => {
    unmount();
    opener.remove();
  });
  const box = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!box) throw new Error('no dialog rendered');
  return { box, opener, unmount };
}

function tab(box: HTMLElement, shiftKey = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
  act(() => {
    (document.activeElement ?? box).dispatchEvent(event);
  });
  return event;
}

describe('Dialog', () => {
  it('is a labelled modal and moves focus to its first control', () => {
    const { box } = open();
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Settings');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('first');
  });

  it('wraps Tab from the last control to the first, and Shift+Tab from the first to the last', () => {
    const { box } = open();
    const save = [...box.querySelectorAll('button')].find((b) => b.textContent === 'Save');
    save?.focus();
    const forward = tab(box);
    expect(forward.defaultPrevented).toBe(true);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('first');
    const back = tab(box, true);
    expect(back.defaultPrevented).toBe(true);
    expect(document.activeElement?.textContent).toBe('Save');
  });

  it('leaves Tab alone between inner controls', () => {
    const { box } = open();
    const event = tab(box);
    expect(event.defaultPrevented).toBe(false);
  });

  it('closes on Escape and gives focus back to the opener on unmount', () => {
    const onClose = vi.fn();
    const { box, opener, unmount } = open(onClose);
    act(() => {
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledOnce();
    unmount();
    expect(document.activeElement).toBe(opener);
  });
});
