import type { ElementHandle, EvaluateFunc, Frame } from 'puppeteer-core';

/**
 * Waits until `fn` is truthy inside the panel. DevTools pages are hidden documents, where rAF-based
 * polling never fires, so polling is explicit (E2E.md).
 */
export async function waitInPanel<A>(
  frame: Frame,
  fn: EvaluateFunc<[A]>,
  arg: A,
  timeoutMs = 20_000,
): Promise<void> {
  await frame.waitForFunction(fn, { polling: 100, timeout: timeoutMs }, arg);
}

/** The panel's text (text nodes, whether or not laid out). */
export function panelText(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body.textContent ?? '');
}

/** Waits until the panel's text contains `text`. */
export async function waitForText(frame: Frame, text: string, timeoutMs = 20_000): Promise<void> {
  await waitInPanel(frame, (t) => (document.body.textContent ?? '').includes(t), text, timeoutMs);
}

/** Finds a control by its accessible name (CDP accessibility tree), retrying until it exists. */
export async function findByName(
  frame: Frame,
  name: string,
  timeoutMs = 10_000,
): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const handle = await frame.$(`::-p-aria(${JSON.stringify(name)})`);
    if (handle) return handle;
    if (Date.now() > deadline) throw new Error(`no control named "${name}" in the panel`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks a control by accessible name with real input events (a user gesture, which downloads want);
 * falls back to a DOM click when the element has no box to aim at.
 */
export async function clickByName(frame: Frame, name: string): Promise<void> {
  const handle = await findByName(frame, name);
  try {
    await handle.click();
  } catch {
    await handle.evaluate((el) => (el as HTMLElement).click());
  }
}

/** Counts elements matching a selector in the panel. */
export function countInPanel(frame: Frame, selector: string): Promise<number> {
  return frame.evaluate((s) => document.querySelectorAll(s).length, selector);
}
