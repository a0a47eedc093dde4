// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { captureHar } from '../../../src/core/capture';
import type { TokenUse } from '../../../src/core/lifecycle/types';
import type { AuditResult } from '../../../src/core/types';
import { Timeline } from '../../../src/panel/components/Timeline';
import { TokenDetail } from '../../../src/panel/components/TokenDetail';
import { MAX_LANE_USES, MAX_TIMELINE_LANES } from '../../../src/panel/models/timeline';
import { describeTime } from '../../../src/panel/models/timeline-axis';
import { accessClaims, makeEntry, makeHar, makeToken, NOW } from '../fixtures';
import { lifecycleFixture } from '../lifecycle-fixture';
import { byTestId, HOSTILE, oneByTestId } from './render';
import { mountWithResult, type ResultPanel } from './result-harness';

let panel: ResultPanel | undefined;
afterEach(() => {
  panel?.unmount();
  panel = undefined;
});

function open(result: AuditResult): ResultPanel {
  panel = mountWithResult(
    result,
    <main class="split">
      <Timeline />
      <TokenDetail />
    </main>,
  );
  return panel;
}

const lane = (root: HTMLElement, id: string) => {
  const found = byTestId(root, 'timeline-lane').find((l) => l.dataset.laneId === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};
const marks = (el: Element, kind?: string) =>
  [...el.querySelectorAll<SVGElement>('[data-testid="timeline-mark"]')].filter(
    (m) => !kind || m.dataset.kind === kind,
  );
const press = (el: Element, key: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
const click = (el: Element) =>
  act(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });

describe('Timeline', () => {
  it('draws one lane per family, and one per token issued in none', () => {
    const { result, fps } = lifecycleFixture();
    const { root } = open(result);
    expect(byTestId(root, 'timeline-lane').map((l) => l.dataset.laneId)).toEqual([
      'family:f1',
      'family:f2',
      `token:${fps.loose}`,
    ]);
    expect(lane(root, 'family:f1').getAttribute('aria-label')).toBe(
      'Token family f1 (access + ID + refresh, authorization_code)',
    );
  });

  it('ticks each use by verdict, with a distinct shape, class and accessible name per verdict', () => {
    const { result } = lifecycleFixture();
    const { root } = open(result);
    const uses = marks(lane(root, 'family:f1'), 'use');
    expect(uses.map((u) => u.dataset.verdict)).toEqual(['accepted', 'rejected', 'unknown']);
    expect(uses.map((u) => u.getAttribute('class'))).toEqual([
      'mark mark-use mark-accepted',
      'mark mark-use mark-rejected',
      'mark mark-use mark-unknown',
    ]);
    const shapes = uses.map((u) => u.querySelector('.shape'));
    expect(shapes[0]?.tagName.toLowerCase()).toBe('circle');
    expect(shapes[1]?.getAttribute('d')).toBe('M-4,-4L4,4M-4,4L4,-4');
    expect(shapes[2]?.getAttribute('d')).toBe('M0,-5L5,0L0,5L-5,0Z');
    expect(uses[1]?.querySelector(':scope > title')?.textContent).toMatch(
      /^Use at .* by api\.example\.test\/v1: rejected \(HTTP 401 invalid_token, invalid_token, <b>The access token expired<\/b>\)$/,
    );
    // Server text stays text: no element was made of it.
    expect(root.querySelector('svg b')).toBeNull();
    // Each verdict has its own colour in both themes (light-dark() variables from panel.css).
    const css = readFileSync('src/panel/timeline.css', 'utf8');
    expect(css).toMatch(/\.mark-use\.mark-accepted \.shape \{\n {2}fill: var\(--ok\);/);
    expect(css).toMatch(/\.mark-use\.mark-rejected \.shape \{\n {2}stroke: var\(--high\);/);
    expect(css).toMatch(/\.mark-use\.mark-unknown \.shape \{\n {2}stroke: var\(--muted\);/);
  });

  it('links a refresh from the parent family to the family it produced', () => {
    const { result } = lifecycleFixture();
    const { root } = open(result);
    const links = byTestId(root, 'timeline-link');
    expect(links.map((l) => [l.dataset.from, l.dataset.to])).toEqual([['family:f1', 'family:f2']]);
    expect(links[0]?.textContent).toMatch(/^f1 refreshed into f2 at /);
    expect(marks(lane(root, 'family:f2'), 'issue')[0]?.querySelector(':scope > title')?.textContent).toMatch(
      /^Family f2 issued at .* \(refresh_token\), refreshed from f1$/,
    );
  });

  it('marks a logout on the lanes of the tokens it covers only', () => {
    const { result } = lifecycleFixture();
    const { root } = open(result);
    const events = marks(lane(root, 'family:f2'), 'event');
    expect(events).toHaveLength(1);
    expect(events[0]?.querySelector(':scope > title')?.textContent).toMatch(
      /^Logout at .* \(RP-initiated logout \(id_token_hint\), succeeded\)$/,
    );
    expect(marks(lane(root, 'family:f1'), 'event')).toHaveLength(0);
  });

  it("draws each token's expiry, at the window's edge when it is far past the capture", () => {
    const { result, fps } = lifecycleFixture();
    const { root } = open(result);
    const expiries = marks(lane(root, 'family:f1'), 'expiry');
    expect(expiries).toHaveLength(3);
    const labels = expiries.map((e) => e.querySelector(':scope > title')?.textContent ?? '');
    expect(labels.filter((l) => l.startsWith(`Expiry of ${fps.access1} at`))).toHaveLength(1);
    expect(labels.find((l) => l.startsWith(`Expiry of ${fps.refresh1}`))).toMatch(
      /\(after the window shown\)$/,
    );
    expect(labels.find((l) => l.startsWith(`Expiry of ${fps.access1}`))).not.toMatch(/window/);
  });

  it('opens a finding marker: selects its token and scrolls the detail to that finding', () => {
    const { result, fps, finding } = lifecycleFixture();
    const p = open(result);
    const marker = marks(lane(p.root, 'family:f2'), 'finding').find(
      (m) => m.dataset.ruleId === 'token-accepted-after-logout',
    );
    expect(marker?.querySelector(':scope > title')?.textContent).toBe(
      `Finding high: Token accepted after logout (token-accepted-after-logout) on ${fps.access2}`,
    );
    click(marker as SVGElement);
    expect(p.tokens.selected.value).toBe(fps.access2);
    const target = p.root.querySelector<HTMLElement>('.finding.is-target');
    expect(target?.dataset.ruleId).toBe(finding.ruleId);
    expect(document.activeElement).toBe(target);
    // Opening the same finding again brings it back into view after the user moved on.
    act(() => (marker as SVGElement).focus());
    expect(document.activeElement).toBe(marker);
    click(marker as SVGElement);
    expect(document.activeElement).toBe(p.root.querySelector('.finding.is-target'));
  });

  it('switches to one lane per issuer', () => {
    const { result } = lifecycleFixture();
    const { root } = open(result);
    click(oneByTestId(root, 'timeline-group-issuer'));
    expect(byTestId(root, 'timeline-lane').map((l) => l.dataset.laneId)).toEqual([
      'issuer:https://issuer.example.test',
      'issuer:https://other.example.test',
    ]);
    expect(oneByTestId(root, 'timeline-group-issuer').getAttribute('aria-pressed')).toBe('true');
    // Both families' uses now share the issuer's lane.
    expect(marks(lane(root, 'issuer:https://issuer.example.test'), 'use')).toHaveLength(4);
  });

  it('moves with the arrow keys through one tab stop, and opens with Enter', () => {
    const { result, fps } = lifecycleFixture();
    const p = open(result);
    const chart = oneByTestId(p.root, 'timeline-chart');
    const stops = () => [...chart.querySelectorAll<SVGElement>('[tabindex="0"]')];
    expect(stops()).toHaveLength(1);
    expect(stops()[0]?.dataset.testid).toBe('timeline-lane-label');
    act(() => stops()[0]?.focus());
    press(document.activeElement as Element, 'ArrowRight');
    const first = document.activeElement as SVGElement;
    expect(first.dataset.kind).toBe('issue');
    press(first, 'ArrowDown');
    expect(
      (document.activeElement as SVGElement).closest('[data-lane-id]')?.getAttribute('data-lane-id'),
    ).toBe('family:f2');
    press(document.activeElement as Element, 'Home');
    expect((document.activeElement as SVGElement).dataset.testid).toBe('timeline-lane-label');
    expect(stops()).toHaveLength(1);
    press(document.activeElement as Element, 'Enter');
    expect(p.tokens.selected.value).toBe(fps.access2);
    expect(oneByTestId(p.root, 'detail-fingerprint').textContent).toBe(fps.access2);
  });

  it('says so when there is nothing to draw', () => {
    const { result } = lifecycleFixture();
    const { root } = open({
      ...result,
      tokens: [],
      findings: [],
      lifecycle: { ...result.lifecycle, uses: [], families: [], events: [] },
    });
    expect(oneByTestId(root, 'timeline-empty').textContent).toMatch(/^No tokens yet/);
    expect(byTestId(root, 'timeline-chart')).toHaveLength(0);
  });
});

describe('Timeline bounds', () => {
  it(`draws at most ${MAX_TIMELINE_LANES} lanes and ${MAX_LANE_USES} uses a lane, and says what it left out`, () => {
    const entries = Array.from({ length: MAX_TIMELINE_LANES + 5 }, (_, i) =>
      makeEntry({
        bearer: makeToken(accessClaims(`user${i}`)),
        startedAt: new Date((NOW + i) * 1000).toISOString(),
      }),
    );
    const capture = captureHar(makeHar(entries));
    if ('error' in capture) throw new Error(capture.error);
    const base = auditCapture([capture], { now: NOW });
    const fp = base.tokens[0]?.token.fingerprint ?? '';
    const uses: TokenUse[] = Array.from({ length: MAX_LANE_USES + 50 }, (_, i) => ({
      sightingId: `x:${i}`,
      fingerprint: fp,
      requestId: `x${i}`,
      at: new Date((NOW + i) * 1000).toISOString(),
      service: 'api.example.test/v1',
      verdict: { verdict: 'accepted', reason: 'HTTP 200' },
    }));
    uses.push({ ...(uses[0] as TokenUse), sightingId: 'x:untimed', at: '' });
    const { root } = open({ ...base, lifecycle: { ...base.lifecycle, uses } });
    expect(byTestId(root, 'timeline-lane')).toHaveLength(MAX_TIMELINE_LANES);
    const drawn = marks(lane(root, `token:${fp}`), 'use');
    expect(drawn).toHaveLength(MAX_LANE_USES);
    // The earliest and the latest uses are kept; the middle is left out.
    const nameOf = (m: Element | undefined) => m?.querySelector(':scope > title')?.textContent ?? '';
    expect(nameOf(drawn[0])).toMatch(new RegExp(`^Use at ${describeTime(NOW * 1000)} `));
    expect(nameOf(drawn.at(-1))).toMatch(
      new RegExp(`^Use at ${describeTime((NOW + MAX_LANE_USES + 49) * 1000)} `),
    );
    expect(oneByTestId(root, 'timeline-omitted').textContent).toBe(
      `5 more lanes not drawn (at most ${MAX_TIMELINE_LANES}) · 50 marks not drawn (at most ${MAX_LANE_USES} uses a lane) · 1 use with no request time. Narrow the filters to see them.`,
    );
  });
});

describe('Timeline: logouts that cover no token seen', () => {
  it('draws them on a lane of their own, not on any token lane', () => {
    const { result } = lifecycleFixture();
    const orphan = {
      kind: 'logout' as const,
      requestId: '98',
      at: result.lifecycle.events[0]?.at ?? '',
      how: 'GET /logout',
      succeeded: true,
      origin: 'https://app.example.test',
      covers: [],
    };
    const { root } = open({ ...result, lifecycle: { ...result.lifecycle, events: [orphan] } });
    expect(byTestId(root, 'timeline-lane')[0]?.dataset.laneId).toBe('events');
    expect(
      marks(lane(root, 'events'), 'event').map((m) => m.querySelector(':scope > title')?.textContent),
    ).toEqual([expect.stringMatching(/^Logout at .* \(GET \/logout, succeeded\)$/)]);
    expect(marks(lane(root, 'family:f2'), 'event')).toHaveLength(0);
  });
});

describe('Timeline: filters and hostile text', () => {
  it('draws only the tokens the filters let through', () => {
    const { result, fps } = lifecycleFixture();
    const p = open(result);
    act(() => p.tokens.setFilters({ text: 'other.example.test' }));
    expect(byTestId(p.root, 'timeline-lane').map((l) => l.dataset.laneId)).toEqual([`token:${fps.loose}`]);
  });

  it('shows hostile issuers as text, never markup', () => {
    const entries = [makeEntry({ bearer: makeToken({ ...accessClaims('eve'), iss: HOSTILE }) })];
    const capture = captureHar(makeHar(entries));
    if ('error' in capture) throw new Error(capture.error);
    const { root } = open(auditCapture([capture], { now: NOW }));
    click(oneByTestId(root, 'timeline-group-issuer'));
    const label = oneByTestId(root, 'timeline-lane-label');
    expect(label.querySelector('title')?.textContent).toBe(
      `Issuer ${HOSTILE}, 1 token: 7 marks. Enter opens its first token.`,
    );
    // The model gives the one request its use tick (accepted: HTTP 200).
    expect(
      byTestId(root, 'timeline-mark')
        .filter((m) => m.dataset.kind === 'use')
        .map((m) => m.dataset.verdict),
    ).toEqual(['accepted']);
    expect(root.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
  });
});
