import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonReport } from '../../src/core/report/report-types';
import { LIFECYCLE_CATALOG } from '../../src/core/rules/catalog/lifecycle';
import { createWorkerBridge, QUIET_MS } from '../../src/devtools/worker-bridge';
import { createManualScheduler } from '../../src/panel/models/scheduler';
import { createTokensModel } from '../../src/panel/models/tokens-model';
import { createReplaySource } from '../../src/panel/replay-source';
import { createCoreMethods } from '../../src/worker/core-methods';
import { DEMO, runCli } from '../cli/fake-io';
import { makeHar as makeFullHar, makeEntry as makeHarEntry } from '../core/capture/har-builders';
import {
  h,
  jwt,
  API as LC_API,
  APP as LC_APP,
  OP as LC_OP,
  at as lcAt,
  bearer as lcBearer,
  tokenResponse,
} from '../core/lifecycle/lifecycle-flow';
import { makeEntry, makeHar } from './fixtures';

/**
 * One engine, one answer: the panel's Import HAR (tokens model, worker bridge, the worker's core
 * methods, all in-process) and the CLI's `scan --format json` must report the same findings for the
 * same HAR. The two hosts run on different clocks, hours and years after the traffic, on purpose: a
 * token seen in traffic is judged at its request times, so neither clock may change a finding.
 */

/** The panel's wall clock: 2030-01-01, years after every request in the HARs below. */
const PANEL_NOW_MS = Date.UTC(2030, 0, 1);
/** The CLI's `--now`: another day again. */
const CLI_NOW = '2031-06-01T12:00:00Z';

type Key = string;
/** `rule severity fingerprint`, sorted: what both hosts must agree on. */
const keyOf = (f: { ruleId: string; severity: string; fingerprint: string }): Key =>
  `${f.ruleId} ${f.severity} ${f.fingerprint}`;

/** The worker's methods, counting calls in flight so the test knows when the bridge is done. */
function trackedWorker() {
  const methods = createCoreMethods();
  const inFlight = new Set<Promise<unknown>>();
  const track =
    <P, R>(fn: (params: P) => Promise<R>) =>
    (params: P): Promise<R> => {
      const call = fn(params);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      return call;
    };
  return {
    inFlight,
    worker: {
      checkSignatures: track(methods.checkSignatures),
      findSecrets: track(methods.findSecrets),
    },
  };
}

/** Imports `harText` with the panel's real code path and returns its findings once every check is in. */
async function panelFindings(harText: string): Promise<Key[]> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { worker, inFlight } = trackedWorker();
  const bridge = createWorkerBridge(worker);
  // Wired as src/devtools/panel-deps.ts wires the extension's panel.
  const source = createReplaySource([]);
  const scheduler = createManualScheduler();
  const model = createTokensModel(source, { scheduler: scheduler.schedule, now: () => PANEL_NOW_MS });
  await model.connect();
  const stop = bridge.attach(model);
  const outcome = model.importHar(harText);
  expect(outcome.ok).toBe(true);
  // Checks start once the panel has been quiet; each batch of hits republishes and re-arms the bridge.
  // Only timers are fake: between steps the worker's WebCrypto calls get real turns of the event loop.
  // The worker's hits are published on the next due frame, as captures are: frames run between steps.
  await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
  for (let turn = 0; (inFlight.size > 0 || scheduler.pending > 0) && turn < 100_000; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.run();
    await vi.advanceTimersByTimeAsync(QUIET_MS * 2);
  }
  expect(inFlight.size).toBe(0);
  model.flush();
  stop();
  model.dispose();
  return model.result.value.findings.map(keyOf).sort();
}

async function cliFindings(harPath: string, files: Record<string, string> = {}): Promise<Key[]> {
  const run = await runCli(['scan', harPath, '--format', 'json', '--now', CLI_NOW], { files });
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as JsonReport).findings.map(keyOf).sort();
}

const ISSUER = 'https://login.parity.test';
const API = 'https://api.parity.test/v1/orders';
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) / 1000;
const at = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();

/**
 * A HAR whose key set verifies some of its tokens: the provider's discovery document and JWKS, an
 * ES256 access token used while valid (sig-verified, no expiry finding), the same claims re-signed by
 * another key (sig-invalid), one used 10 minutes after it expired and answered 200 (exp-expired and
 * exp-expired-accepted on the request clock), and an HS256 token with a guessable secret.
 */
async function jwksHar(): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const other = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig', alg: 'ES256' };
  const claims = (sub: string, iat: number) => ({
    iss: ISSUER,
    sub,
    aud: 'orders',
    client_id: 'web',
    jti: `${sub}-${iat}`,
    iat: T0 + iat,
    exp: T0 + iat + 300,
  });
  const es256 = (payload: Record<string, unknown>, key: CryptoKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' }).sign(key);
  const valid = await es256(claims('alice', 10), privateKey);
  const forged = await es256(claims('mallory', 20), other.privateKey);
  const late = await es256(claims('bob', 30), privateKey);
  const weak = await new SignJWT({ iss: 'https://legacy.parity.test', sub: 'svc', iat: T0, exp: T0 + 600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('secret'));
  const discovery = { issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks.json` };
  return JSON.stringify(
    makeHar([
      makeEntry({
        url: `${ISSUER}/.well-known/openid-configuration`,
        responseJson: discovery,
        startedAt: at(0),
      }),
      makeEntry({ url: `${ISSUER}/.well-known/jwks.json`, responseJson: { keys: [jwk] }, startedAt: at(1) }),
      makeEntry({ url: API, bearer: valid, startedAt: at(60) }),
      makeEntry({ url: API, bearer: forged, startedAt: at(70) }),
      makeEntry({ url: API, bearer: late, startedAt: at(30 + 300 + 600) }),
      makeEntry({ url: API, bearer: weak, startedAt: at(80) }),
    ]),
  );
}

/** The lifecycle rules of issue 13 and the two escalations moved onto the model (sig-invalid-accepted: above). */
const LIFECYCLE_IDS = [
  ...LIFECYCLE_CATALOG.map((rule) => rule.id),
  'exp-expired-accepted',
  'alg-none-accepted',
].filter((id) => id !== 'sig-invalid-accepted');

/**
 * A session that exercises the lifecycle rules, built from HAR entries: a code flow with a nonce the ID
 * token does not carry, an at_hash of another token, two audiences and no azp, expires_in that disagrees
 * with the token; the ID token sent to the API; a refresh grant that does not rotate; a logout the API
 * ignores; expired, post-dated and unsigned tokens accepted by /reports and refused by /billing; one jti
 * on two tokens.
 */
function lifecycleHar(): string {
  const access = jwt('a1', 0, 300);
  const id = jwt('i1', 0, 300, { aud: ['spa', 'analytics'], nonce: 'N2', at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' });
  const refresh = jwt('r1', 0, 86_400);
  const access2 = jwt('a2', 600, 300);
  const twin = jwt('a2', 610, 300, { sub: 'u2' });
  const expired = jwt('e1', -7200, 3600);
  const early = jwt('n1', 0, 7200, { nbf: Date.parse(lcAt(3600)) / 1000 });
  const unsigned = `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${btoa(
    JSON.stringify({ iss: LC_OP, sub: 'u1' }),
  ).replace(/=+$/, '')}.`;
  const use = (seconds: number, token: string, path: string, status = 200) => ({
    url: `${LC_API}${path}`,
    startedDateTime: lcAt(seconds),
    requestHeaders: [lcBearer(token)],
    status,
    ...(status === 401 ? { responseHeaders: [h('WWW-Authenticate', 'Bearer error="invalid_token"')] } : {}),
  });
  const entries = [
    {
      url: `${LC_OP}/authorize?response_type=code&client_id=spa&state=S1&nonce=N1&redirect_uri=${encodeURIComponent(`${LC_APP}/cb`)}`,
      startedDateTime: lcAt(0),
      status: 302,
      responseHeaders: [h('Location', `${LC_APP}/cb?code=CODE-1&state=S1`)],
      redirectURL: `${LC_APP}/cb?code=CODE-1&state=S1`,
    },
    tokenResponse(1, 'grant_type=authorization_code&code=CODE-1&client_id=spa', {
      access_token: access,
      id_token: id,
      refresh_token: refresh,
      expires_in: 3600,
    }),
    use(5, access, '/billing/invoices'),
    use(6, access, '/reports/summary'),
    use(7, id, '/reports/summary'),
    tokenResponse(600, `grant_type=refresh_token&refresh_token=${refresh}&client_id=spa`, {
      access_token: access2,
      expires_in: 300,
    }),
    use(610, twin, '/reports/summary'),
    {
      method: 'POST',
      url: `${LC_API}/logout`,
      startedDateTime: lcAt(620),
      requestHeaders: [lcBearer(access2)],
    },
    use(630, access2, '/reports/summary'),
    use(640, expired, '/reports/summary'),
    use(641, expired, '/billing/invoices', 401),
    use(650, early, '/reports/summary'),
    use(660, unsigned, '/reports/summary'),
  ];
  return JSON.stringify(makeFullHar(entries.map((e) => makeHarEntry(e))));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('panel Import HAR and CLI scan agree', () => {
  let jwks = '';
  beforeAll(async () => {
    jwks = await jwksHar();
  });

  it('on the demo HAR', async () => {
    const [panel, cli] = [await panelFindings(readFileSync(DEMO, 'utf8')), await cliFindings(DEMO)];
    expect(panel).toEqual(cli);
    expect(cli.filter((k) => k.startsWith('sig-verified '))).not.toEqual([]);
    expect(cli.filter((k) => k.startsWith('sig-unverifiable '))).toEqual([]);
  });

  it('on a HAR that holds the key set of its tokens', async () => {
    const [panel, cli] = [await panelFindings(jwks), await cliFindings('parity.har', { 'parity.har': jwks })];
    expect(panel).toEqual(cli);
    const rules = (id: string) => cli.filter((k) => k.startsWith(`${id} `)).length;
    expect([rules('sig-verified'), rules('sig-invalid'), rules('sig-unverifiable')]).toEqual([2, 1, 0]);
    expect([rules('exp-expired'), rules('exp-expired-accepted'), rules('hmac-weak-secret')]).toEqual([
      1, 1, 1,
    ]);
    // The forged token was answered 200: one critical finding for it, sig-invalid itself stays high.
    expect(
      cli.filter((k) => /^sig-invalid(-accepted)? /.test(k)).map((k) => k.split(' ').slice(0, 2).join(' ')),
    ).toEqual(['sig-invalid high', 'sig-invalid-accepted critical']);
  });

  it('on a HAR that exercises the lifecycle rules', async () => {
    const har = lifecycleHar();
    const [panel, cli] = [
      await panelFindings(har),
      await cliFindings('lifecycle.har', { 'lifecycle.har': har }),
    ];
    expect(panel).toEqual(cli);
    const fired = new Set(cli.map((k) => k.split(' ')[0]));
    expect(LIFECYCLE_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });
});
