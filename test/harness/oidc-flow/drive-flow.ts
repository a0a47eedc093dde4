import type { Page } from 'puppeteer-core';
import { type OidcProviderServer, startOidcProvider } from './provider';
import { type RelyingParty, startRelyingParty } from './relying-party';

/** What the browser client reported for each step (statuses and response field names, no token). */
export interface FlowSteps {
  code: string;
  api: number;
  refresh: string;
  rotated: string;
  userinfo: number;
  service: number;
}

/** The provider and the relying party, started together. */
export interface OidcStack {
  provider: OidcProviderServer;
  rp: RelyingParty;
  close(): Promise<void>;
}

/** Starts the relying party, then the provider whose web client redirects to it. */
export async function startOidcStack(): Promise<OidcStack> {
  const rp = await startRelyingParty();
  const provider = await startOidcProvider(rp.url).catch(async (error: unknown) => {
    await rp.close();
    throw error;
  });
  rp.attach(provider);
  return {
    provider,
    rp,
    async close() {
      await rp.close();
      await provider.close();
    },
  };
}

async function waitForFlowData(page: Page, timeoutMs: number): Promise<FlowSteps> {
  const handle = await page.waitForFunction(
    () => document.body?.dataset.flow ?? document.body?.dataset.flowError,
    { polling: 100, timeout: timeoutMs },
  );
  const failure = await page.evaluate(() => document.body.dataset.flowError);
  if (failure) throw new Error(`the relying party's flow failed: ${failure}`);
  return JSON.parse(String(await handle.jsonValue())) as FlowSteps;
}

/**
 * Runs the login in `page` as a user would: the RP redirects to the provider, the user signs in on the
 * provider's (dev) login page and approves the consent page, and the RP's script finishes the flow.
 */
export async function runOidcFlow(page: Page, stack: OidcStack, timeoutMs = 20_000): Promise<FlowSteps> {
  await page.goto(`${stack.rp.url}/`);
  await page.waitForSelector('input[name="login"]', { timeout: timeoutMs });
  await page.type('input[name="login"]', 'ada');
  await page.type('input[name="password"]', 'correct horse battery staple');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForSelector('input[name="prompt"][value="consent"]', { timeout: timeoutMs });
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  return waitForFlowData(page, timeoutMs);
}
