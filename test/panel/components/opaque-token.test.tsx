// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { KindLabel } from '../../../src/panel/components/KindLabel';
import { accessClaims, makeEntry, makeToken } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { byTestId, mount, oneByTestId } from './render';

const OPAQUE_AT = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const OPAQUE_RT = 'Kq7Zt0bYw3vX9mN2pL5sR8dF1gH4jK6lQ0wE3rT5yU7';

let panel: MountedPanel | undefined;
const cleanups: Array<() => void> = [];
afterEach(() => {
  panel?.unmount();
  panel = undefined;
  for (const fn of cleanups.splice(0)) fn();
});

/** A panel that saw a login answered with opaque tokens, a call with one, and a call with a JWT. */
async function openWithOpaqueTokens(): Promise<MountedPanel> {
  panel = await mountTestPanel();
  panel.source.emit(
    makeEntry({
      method: 'POST',
      url: 'https://id.example.test/token',
      responseJson: { access_token: OPAQUE_AT, token_type: 'Bearer', refresh_token: OPAQUE_RT },
    }),
    'r1',
  );
  panel.source.emit(makeEntry({ url: 'http://api.example.test/v1/me', bearer: OPAQUE_AT }), 'r2');
  panel.source.emit(makeEntry({ bearer: makeToken(accessClaims('alice')) }), 'r3');
  await panel.frame();
  return panel;
}

function rowOf(p: MountedPanel, kind: string | null): HTMLElement | undefined {
  return byTestId(p.root, 'token-row').find(
    (row) => (row.querySelector('[data-testid="token-kind"]')?.textContent ?? null) === kind,
  );
}

describe('panel: opaque tokens', () => {
  it('labels opaque tokens in the list, and leaves a signed JWT unlabelled', async () => {
    const p = await openWithOpaqueTokens();
    const rows = byTestId(p.root, 'token-row');
    expect(rows).toHaveLength(3);
    const labels = rows.map((row) => row.querySelector('[data-testid="token-kind"]')?.textContent ?? null);
    expect(labels.sort()).toEqual([null, 'opaque', 'opaque'].sort());
    for (const row of rows) {
      expect(row.textContent).not.toContain(OPAQUE_AT);
      expect(row.textContent).not.toContain(OPAQUE_RT);
    }
  });

  it('shows an opaque token masked, with its findings and sightings but no header or claims', async () => {
    const p = await openWithOpaqueTokens();
    const row = rowOf(p, 'opaque');
    act(() => row?.click());
    await settle();
    const detail = oneByTestId(p.root, 'token-detail');
    expect(detail.textContent).toContain('OPAQUE token');
    expect(oneByTestId(p.root, 'opaque-note').textContent).toContain('not a JWT');
    expect(byTestId(p.root, 'header-json')).toHaveLength(0);
    expect(byTestId(p.root, 'claims-json')).toHaveLength(0);
    expect(detail.textContent).not.toContain('The header could not be decoded');
    expect(byTestId(p.root, 'parse-problems')).toHaveLength(0);
    expect(oneByTestId(p.root, 'token-text').textContent).toMatch(/^(gho_…\(40 chars\)|Kq7Z…\(43 chars\))$/);
    expect(oneByTestId(p.root, 'sightings').textContent).toContain('https://id.example.test/token');
    expect(detail.textContent).not.toContain(OPAQUE_AT);
    expect(detail.textContent).not.toContain(OPAQUE_RT);
  });

  it('lists the opaque access token’s bearer-credential findings, and no JWT finding', async () => {
    const p = await openWithOpaqueTokens();
    const row = byTestId(p.root, 'token-row').find(
      (r) => r.textContent?.includes('header Authorization') && r.querySelector('[data-testid="token-kind"]'),
    );
    act(() => row?.click());
    await settle();
    const ids = byTestId(p.root, 'finding').map((f) => f.dataset.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['transport-cleartext', 'token-response-cacheable']));
    expect(ids).not.toContain('fmt-malformed');
    expect(ids).not.toContain('exp-missing');
  });
});

describe('KindLabel', () => {
  it.each([
    ['opaque', 'opaque'],
    ['jwe', 'JWE'],
    ['unsecured', 'unsecured'],
    ['malformed', 'malformed'],
  ] as const)('names kind %s', (kind, text) => {
    const { root, unmount } = mount(<KindLabel kind={kind} />);
    cleanups.push(unmount);
    expect(oneByTestId(root, 'token-kind').textContent).toBe(text);
    expect(oneByTestId(root, 'token-kind').getAttribute('title')).toBeTruthy();
  });

  it('shows nothing for a signed JWT, the usual case', () => {
    const { root, unmount } = mount(<KindLabel kind="jws" />);
    cleanups.push(unmount);
    expect(byTestId(root, 'token-kind')).toHaveLength(0);
  });
});
