import type { Frame } from 'puppeteer-core';
import { waitForQuiet, waitForTokens } from './panel-state';
import { type E2eSession, type SessionOptions, startE2eSession } from './session';

/** Distinct tokens the demo flow produces at least (access, ID, refresh, expired, none, weak, HTML). */
export const DEMO_MIN_TOKENS = 7;

/**
 * A session on the demo app with the JWT Lens panel shown and the demo's traffic settled: the flow runs
 * before the panel is first shown (so the getHAR backfill is exercised), then the panel must hold every
 * demo token and its counters must have stopped moving.
 */
export async function openDemoPanel(
  options: SessionOptions = {},
): Promise<{ session: E2eSession; panel: Frame }> {
  const session = await startE2eSession(options);
  try {
    await session.gotoDemo('/');
    const panel = await session.showPanel();
    await waitForTokens(panel, DEMO_MIN_TOKENS);
    await waitForQuiet(panel);
    return { session, panel };
  } catch (error) {
    await session.close();
    throw error;
  }
}
