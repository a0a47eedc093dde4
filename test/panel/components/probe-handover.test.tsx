// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { captureHar } from '../../../src/core/capture';
import { accessClaims, makeEntry, makeHar, makeToken } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { buttonByName, byTestId, oneByTestId } from './render';

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

const alice = makeToken(accessClaims('alice'));

async function click(el: HTMLElement): Promise<void> {
  act(() => el.click());
  await settle();
}

async function openFirstToken(p: MountedPanel): Promise<void> {
  await p.frame();
  await click(byTestId(p.root, 'token-row')[0] as HTMLElement);
}

describe('"Probe this request…" in the token detail', () => {
  it('offers the probe on request sightings only, not on a token response', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice, url: 'http://127.0.0.1:8080/api/me' }), 'live-1');
    panel.source.emit(makeEntry({ responseJson: { access_token: alice }, method: 'POST' }), 'live-2');
    await openFirstToken(panel);
    const rows = byTestId(panel.root, 'sighting');
    expect(rows.map((r) => [r.dataset.where, byTestId(r, 'probe-open').length])).toEqual([
      ['request-header', 1],
      ['response-body', 0],
    ]);
  });

  it('offers no probe for a token it has no tampered versions of (an opaque token)', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: 'gho_0123456789abcdefghijABCDEFGHIJ0123456789' }), 'live-1');
    await openFirstToken(panel);
    expect(oneByTestId(panel.root, 'opaque-note')).toBeTruthy();
    expect(byTestId(panel.root, 'sighting')).toHaveLength(1);
    expect(byTestId(panel.root, 'probe-open')).toHaveLength(0);
  });

  it('warns that the file holds the raw token, saves the one exchange as a HAR and shows the command', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice, url: 'http://127.0.0.1:8080/api/me' }), 'live-1');
    await openFirstToken(panel);
    await click(buttonByName(panel.root, 'Probe this request…'));
    const dialog = oneByTestId(panel.root, 'probe-dialog');
    expect(oneByTestId(dialog, 'probe-secret-note').textContent).toMatch(/holds the raw token.*secret/s);
    expect(dialog.textContent).toContain('The extension sends nothing');
    // Loopback and GET: no opt-in to name.
    expect(byTestId(dialog, 'probe-needs')).toHaveLength(0);
    await click(buttonByName(dialog, 'Save request as HAR'));
    const file = panel.downloads.at(-1);
    expect(file?.filename).toBe('jwt-lens-probe-2030-01-01T00-00-00Z.har');
    const har = JSON.parse(file?.text ?? '');
    expect(har.log.entries).toHaveLength(1);
    const capture = captureHar(har);
    expect('error' in capture ? [] : capture.sightings.map((s) => s.tokenText)).toEqual([alice]);
    const fingerprint = oneByTestId(panel.root, 'detail-fingerprint').textContent;
    expect(oneByTestId(dialog, 'probe-command').textContent).toBe(
      `jwt-lens probe jwt-lens-probe-2030-01-01T00-00-00Z.har --entry 0 --token ${fingerprint}`,
    );
  });

  it('saves the key sets seen in the capture after the request, public keys only, and says so', async () => {
    panel = await mountTestPanel();
    const rsa = { kty: 'RSA', kid: 'k1', n: 'sXch', e: 'AQAB', d: 'private-exponent' };
    const jwks = { keys: [rsa, { kty: 'oct', k: 'c2VjcmV0' }] };
    panel.source.emit(makeEntry({ url: 'https://id.example.test/jwks.json', responseJson: jwks }), 'keys');
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await openFirstToken(panel);
    await click(buttonByName(panel.root, 'Probe this request…'));
    const dialog = oneByTestId(panel.root, 'probe-dialog');
    expect(oneByTestId(dialog, 'probe-key-note').textContent).toMatch(/the key document seen in the capture/);
    await click(buttonByName(dialog, 'Save request as HAR'));
    const har = JSON.parse(panel.downloads.at(-1)?.text ?? '');
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual([
      'https://api.example.test/v1/me',
      'https://id.example.test/jwks.json',
    ]);
    expect(JSON.parse(har.log.entries[1].response.content.text)).toEqual({
      keys: [{ kty: 'RSA', kid: 'k1', n: 'sXch', e: 'AQAB' }],
    });
  });

  it('says when no key set was seen: the alg-confusion probes need one, or --jwks', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await openFirstToken(panel);
    await click(buttonByName(panel.root, 'Probe this request…'));
    expect(oneByTestId(panel.root, 'probe-key-note').textContent).toMatch(/No key set.*--jwks/);
  });

  it('names the token in the command (the request carried others), and the opt-ins a remote POST needs', async () => {
    panel = await mountTestPanel();
    const bob = makeToken(accessClaims('bob'));
    const entry = makeEntry({ bearer: alice, cookie: `session=${bob}`, method: 'POST' });
    panel.source.emit(entry, 'live-1');
    await openFirstToken(panel);
    const fingerprint = oneByTestId(panel.root, 'detail-fingerprint').textContent;
    await click(buttonByName(panel.root, 'Probe this request…'));
    expect(oneByTestId(panel.root, 'probe-command').textContent).toMatch(
      new RegExp(`--entry 0 --token ${fingerprint}$`),
    );
    const needs = oneByTestId(panel.root, 'probe-needs').textContent ?? '';
    expect(needs).toContain('--allow-host api.example.test');
    expect(needs).toContain('--allow-unsafe-methods');
  });

  it('copies the command, or says it could not', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice, url: 'http://127.0.0.1:8080/api/me' }), 'live-1');
    await openFirstToken(panel);
    await click(buttonByName(panel.root, 'Probe this request…'));
    const written: string[] = [];
    const clipboard = { writeText: async (text: string) => void written.push(text) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    await click(buttonByName(panel.root, 'Copy command'));
    expect(written).toEqual([oneByTestId(panel.root, 'probe-command').textContent]);
    expect(oneByTestId(panel.root, 'probe-copied').textContent).toBe('Copied');
  });

  it('says so when the request is no longer kept (Clear, or the bound)', async () => {
    panel = await mountTestPanel();
    // 201 requests, each with its own token: the first request is past the 200 kept.
    for (let i = 0; i <= 200; i++) {
      panel.source.emit(makeEntry({ bearer: makeToken(accessClaims(`user${i}`)) }), `live-${i}`);
    }
    await panel.frame();
    const first = panel.handle.tokens.records()[0];
    act(() => panel?.handle.tokens.select(first?.token.fingerprint ?? null));
    await settle();
    await click(buttonByName(panel.root, 'Probe this request…'));
    expect(oneByTestId(panel.root, 'probe-not-kept').textContent).toMatch(/no longer kept/);
    expect(byTestId(panel.root, 'probe-save')).toHaveLength(0);
  });

  it('forgets kept requests on Clear, and keeps those of an imported HAR', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await panel.frame();
    expect(panel.handle.tokens.exchange('live-1')).toBeDefined();
    await click(buttonByName(panel.root, 'Clear'));
    expect(panel.handle.tokens.exchange('live-1')).toBeUndefined();
    const outcome = panel.handle.tokens.importHar(
      JSON.stringify(makeHar([makeEntry(), makeEntry({ bearer: alice })])),
    );
    expect(outcome.ok).toBe(true);
    expect(panel.handle.tokens.exchange('har1-0')).toBeUndefined(); // no token: not kept
    expect(panel.handle.tokens.exchange('har1-1')?.request.headers[0]?.value).toBe(`Bearer ${alice}`);
  });

  it('forgets kept requests on a navigation (without "Preserve log") and when the panel closes', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await panel.frame();
    act(() => panel?.source.navigate('https://app.example.test/next'));
    await settle();
    expect(panel.handle.tokens.exchange('live-1')).toBeUndefined();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-2');
    await panel.frame();
    expect(panel.handle.tokens.exchange('live-2')).toBeDefined();
    const { tokens } = panel.handle;
    panel.unmount();
    panel = undefined;
    expect(tokens.exchange('live-2')).toBeUndefined();
  });
});

describe('importing a probe report', () => {
  const report = () => JSON.parse(readFileSync('test/fixtures/probe-report.json', 'utf8'));

  it('shows the probe findings with their evidence on the token, matched by fingerprint', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await panel.frame();
    const fingerprint = panel.handle.tokens.records()[0]?.token.fingerprint ?? '';
    const doc = report();
    const text = JSON.stringify(doc).replaceAll(doc.tokens[0].fingerprint, fingerprint);
    let outcome: ReturnType<typeof panel.handle.tokens.importHar> | undefined;
    act(() => {
      outcome = panel?.handle.tokens.importHar(text);
    });
    await settle();
    expect(outcome).toEqual({ ok: true, message: 'Imported probe report: 1 run, 1 finding on 1 token' });
    // The probed token is selected and its detail shows the probe's results.
    const section = oneByTestId(panel.root, 'probe-results');
    const findings = byTestId(section, 'finding');
    expect(findings.map((f) => f.dataset.ruleId)).toEqual(['probe-alg-none-accepted']);
    expect(findings[0]?.textContent).toContain('negative control');
    const verdicts = byTestId(section, 'probe-outcome').map((o) => o.dataset.verdict);
    expect(verdicts).toEqual(doc.probes[0].outcomes.map((o: { verdict: string }) => o.verdict));
    expect(verdicts.slice(0, 5)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'rejected']);
    expect(oneByTestId(section, 'probe-passed').textContent).toContain('probe-signature-not-verified');
    // The report's own scan findings are not added to the token (the panel judges the token itself).
    const own = panel.handle.tokens.selectedFindings.value.length;
    expect(byTestId(panel.root, 'finding')).toHaveLength(own + 1);
    // Clear forgets the imported results with the tokens.
    await click(buttonByName(panel.root, 'Clear'));
    expect(panel.handle.tokens.probeResults.value.size).toBe(0);
  });

  it('words each verdict: accepted is the flaw, rejected the pass, inconclusive neither', async () => {
    panel = await mountTestPanel();
    panel.source.emit(makeEntry({ bearer: alice }), 'live-1');
    await panel.frame();
    const fingerprint = panel.handle.tokens.records()[0]?.token.fingerprint ?? '';
    const doc = report();
    doc.probes[0].outcomes[4].verdict = 'inconclusive';
    act(() => {
      panel?.handle.tokens.importHar(JSON.stringify(doc).replaceAll(doc.tokens[0].fingerprint, fingerprint));
    });
    await settle();
    const cells = byTestId(panel.root, 'probe-outcome').map((row) => row.querySelector('.verdict'));
    expect(cells.slice(2, 6).map((c) => `${c?.textContent} ${c?.className}`)).toEqual([
      'accepted: flaw verdict verdict-rejected',
      'accepted: flaw verdict verdict-rejected',
      'inconclusive verdict verdict-unknown',
      'rejected: pass verdict verdict-accepted',
    ]);
  });

  it('says how many probed tokens the panel does not hold', async () => {
    panel = await mountTestPanel();
    const outcome = panel.handle.tokens.importHar(JSON.stringify(report()));
    expect(outcome).toEqual({
      ok: true,
      message: 'Imported probe report: 1 run, 1 finding on 0 tokens (1 not in the panel)',
    });
  });
});
