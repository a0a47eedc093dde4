// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenDetail } from '../../../src/panel/components/TokenDetail';
import { lifecycleFixture } from '../lifecycle-fixture';
import { byTestId, oneByTestId } from './render';
import { mountWithResult, type ResultPanel } from './result-harness';

let panel: ResultPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

function openOn(fingerprint: string) {
  const { result } = lifecycleFixture();
  panel = mountWithResult(result, <TokenDetail />);
  const p = panel;
  act(() => p.tokens.select(fingerprint));
  return p;
}

const links = (el: Element) =>
  [...el.querySelectorAll<HTMLButtonElement>('[data-testid="family-link"]')].map((b) => b.textContent);

describe('token detail: family', () => {
  const { fps } = lifecycleFixture();

  it('shows what the token was issued with and refreshed into, as links that select those tokens', () => {
    const p = openOn(fps.access1);
    const family = oneByTestId(p.root, 'family');
    expect(family.dataset.familyId).toBe('f1');
    expect(family.firstElementChild?.textContent).toMatch(
      /^Family f1issued .* \(grant_type authorization_code\)$/,
    );
    expect(links(oneByTestId(p.root, 'family-issued-with'))).toEqual([
      `ID ${fps.id1}`,
      `refresh ${fps.refresh1}`,
    ]);
    const into = oneByTestId(p.root, 'family-refreshed-into');
    expect(into.textContent).toContain('family f2');
    expect(links(into)).toEqual([`access ${fps.access2}`, `refresh ${fps.refresh2}`]);
    act(() => into.querySelector<HTMLButtonElement>('[data-testid="family-link"]')?.click());
    expect(p.tokens.selected.value).toBe(fps.access2);
    expect(oneByTestId(p.root, 'detail-fingerprint').textContent).toBe(fps.access2);
  });

  it('shows the family and refresh token it was refreshed from', () => {
    const p = openOn(fps.access2);
    const from = oneByTestId(p.root, 'family-refreshed-from');
    expect(from.textContent).toBe(`Refreshed fromfamily f1 with refresh ${fps.refresh1}`);
    act(() => from.querySelector<HTMLButtonElement>('button')?.click());
    expect(p.tokens.selected.value).toBe(fps.refresh1);
    expect(byTestId(p.root, 'family-refreshed-into').map((e) => e.textContent)).toEqual([
      `Refreshed intofamily f2: access ${fps.access2}refresh ${fps.refresh2}`,
    ]);
  });

  it('shows no family for a token issued in none', () => {
    const p = openOn(fps.loose);
    expect(byTestId(p.root, 'family')).toHaveLength(0);
    expect(byTestId(p.root, 'token-detail')).toHaveLength(1);
  });
});

describe('token detail: verdict per sighting', () => {
  const { fps } = lifecycleFixture();

  it("shows each use's verdict with its reason and the WWW-Authenticate error, as text", () => {
    const p = openOn(fps.access1);
    const rows = byTestId(p.root, 'sighting');
    const verdicts = rows.map((r) => r.querySelector<HTMLElement>('[data-testid="sighting-verdict"]'));
    // The token response that issued it is a sighting but not a use: no verdict.
    expect(verdicts.map((v) => v?.dataset.verdict ?? null)).toEqual([
      null,
      'accepted',
      'rejected',
      'unknown',
    ]);
    expect(verdicts[1]?.textContent).toBe('✓ accepted · HTTP 200');
    expect(verdicts[2]?.textContent).toBe(
      '✗ rejected · HTTP 401 invalid_tokeninvalid_token: <b>The access token expired</b>',
    );
    expect(verdicts[2]?.querySelector('[data-testid="verdict-error"] code')?.textContent).toBe(
      'invalid_token',
    );
    expect(verdicts[2]?.querySelector('b')).toBeNull();
    expect(verdicts[3]?.textContent).toBe('? unknown · HTTP 503');
    expect(rows[0]?.textContent).toContain('—');
  });
});
