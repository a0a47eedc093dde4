import { readFileSync } from 'node:fs';
import type { Frame } from 'puppeteer-core';
import type { DownloadWatcher } from './downloads';
import { clickByName, waitInPanel } from './panel-query';

/** The panel's "N of M tokens" counter: visible rows and total distinct tokens. */
export async function tokenCounts(frame: Frame): Promise<{ visible: number; total: number }> {
  const text = await frame.evaluate(
    () => document.querySelector('[data-testid="counter-visible"]')?.textContent ?? '',
  );
  const match = /(\d[\d,]*)\s+of\s+(\d[\d,]*)/.exec(text);
  const toNumber = (s: string | undefined) => Number((s ?? '').replaceAll(',', ''));
  return match ? { visible: toNumber(match[1]), total: toNumber(match[2]) } : { visible: 0, total: 0 };
}

/** Waits until the panel holds at least `min` distinct tokens (the list is virtualised: rows ≠ tokens). */
export async function waitForTokens(frame: Frame, min: number, timeoutMs = 30_000): Promise<void> {
  await waitInPanel(
    frame,
    (n) => {
      const text = document.querySelector('[data-testid="counter-visible"]')?.textContent ?? '';
      const match = /(\d[\d,]*)\s+of\s+(\d[\d,]*)/.exec(text);
      return match !== null && Number((match[2] ?? '').replaceAll(',', '')) >= n;
    },
    min,
    timeoutMs,
  );
}

/** The exported JSON report, parsed, with its raw text and file name. */
export interface ExportedReport {
  text: string;
  json: Record<string, unknown>;
  /** The name the panel gave the file. */
  filename: string;
  /** Where the browser saved it. */
  path: string;
}

/** Clicks "Export JSON" and reads the file the browser downloaded. */
export async function exportJson(frame: Frame, downloads: DownloadWatcher): Promise<ExportedReport> {
  const file = await downloads.capture(() => clickByName(frame, 'Export JSON'));
  const text = readFileSync(file.path, 'utf8');
  return {
    text,
    json: JSON.parse(text) as Record<string, unknown>,
    filename: file.suggestedFilename,
    path: file.path,
  };
}

/** A status-bar counter (`counter-requests`, `counter-tokens`, `counter-dropped`…) as a number. */
export async function readCounter(frame: Frame, testId: string): Promise<number> {
  const text = await frame.evaluate(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '',
    testId,
  );
  const match = /\d[\d,]*/.exec(text);
  return match ? Number(match[0].replaceAll(',', '')) : Number.NaN;
}

/** Clicks the first token row matching a CSS attribute filter (e.g. `[data-severity="critical"]`). */
export async function openTokenRow(frame: Frame, filter = ''): Promise<void> {
  const clicked = await frame.evaluate((f) => {
    const row = document.querySelector<HTMLElement>(`[data-testid="token-row"]${f}`);
    row?.click();
    return !!row;
  }, filter);
  if (!clicked) throw new Error(`no token row matches ${filter || '(any)'}`);
  await waitInPanel(frame, () => !!document.querySelector('[data-testid="token-detail"]'), null);
}

/**
 * Waits (polling from Node, so any wait is allowed: an in-page wait may not outlast CDP's protocol
 * timeout) until the panel's request counter reaches `min`.
 */
export async function waitForRequests(frame: Frame, min: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await readCounter(frame, 'counter-requests');
    if (count >= min) return;
    if (Date.now() > deadline)
      throw new Error(`the panel captured ${count} of ${min} requests in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Waits until the panel's request and token counters have not changed for `quietMs`: the demo page keeps
 * making requests for a moment after it loads, and a toolbar test must start from a settled list.
 */
export async function waitForQuiet(frame: Frame, quietMs = 1500, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const snapshot = async () =>
    `${await readCounter(frame, 'counter-requests')}/${(await tokenCounts(frame)).total}`;
  let last = await snapshot();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline)
      throw new Error(`panel counters still changing after ${timeoutMs} ms (${last})`);
    await new Promise((r) => setTimeout(r, 200));
    const now = await snapshot();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}
