// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { accessClaims, makeEntry, makeToken } from '../fixtures';
import { type MountedPanel, mountTestPanel, settle } from './panel-harness';
import { byTestId, oneByTestId } from './render';

let panel: MountedPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

async function click(el: HTMLElement): Promise<void> {
  act(() => el.click());
  await settle();
}

describe('panel: view tabs, Tokens / Timeline', () => {
  it('swaps the token list for the Timeline and back, keeping the detail', async () => {
    panel = await mountTestPanel();
    const p = panel;
    p.source.emit(makeEntry({ bearer: makeToken(accessClaims('alice')) }), 'r1');
    await p.frame();
    const toTimeline = oneByTestId(p.root, 'view-timeline');
    expect(toTimeline.tagName).toBe('BUTTON');
    expect(oneByTestId(p.root, 'view-tokens').getAttribute('aria-selected')).toBe('true');
    await click(toTimeline);
    expect(toTimeline.getAttribute('aria-selected')).toBe('true');
    expect(byTestId(p.root, 'token-list')).toHaveLength(0);
    expect(byTestId(p.root, 'timeline')).toHaveLength(1);
    // No lifecycle yet (the capture model is a stub here): the token still gets its own lane.
    expect(byTestId(p.root, 'timeline-lane').map((l) => l.dataset.laneId)).toEqual([
      `token:${p.handle.tokens.result.value.tokens[0]?.token.fingerprint}`,
    ]);
    expect(byTestId(p.root, 'token-detail-empty')).toHaveLength(1);
    await click(oneByTestId(p.root, 'view-tokens'));
    expect(byTestId(p.root, 'timeline')).toHaveLength(0);
    expect(byTestId(p.root, 'token-row')).toHaveLength(1);
  });
});
