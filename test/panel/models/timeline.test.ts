import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import { captureHar } from '../../../src/core/capture';
import type { AuditResult } from '../../../src/core/types';
import { buildTimeline } from '../../../src/panel/models/timeline';
import { axisTicks } from '../../../src/panel/models/timeline-axis';
import { HOSTILE } from '../components/render';
import { makeEntry, makeHar, makeToken, NOW } from '../fixtures';
import { lifecycleFixture, T0 } from '../lifecycle-fixture';

function audit(tokens: string[]): AuditResult {
  const entries = tokens.map((bearer) => makeEntry({ bearer }));
  const capture = captureHar(makeHar(entries));
  if ('error' in capture) throw new Error(capture.error);
  return auditCapture([capture], { now: NOW });
}

describe('buildTimeline', () => {
  it('keeps hostile claim times off the axis: no NaN, no window stretched to the year 10^300', () => {
    const result = audit([
      makeToken({ iss: HOSTILE, sub: 'x', iat: 1e300, exp: -1e300 }),
      makeToken({ iss: 'https://issuer.example.test', sub: 'y', iat: NOW - 60, exp: 'soon' }),
    ]);
    const model = buildTimeline(result, result.tokens, 'issuer');
    expect(model.lanes.map((l) => l.label)).toEqual([HOSTILE, 'https://issuer.example.test']);
    // Hostile iat/exp give no issue or expiry mark; the request itself is a use at its own time.
    const marks = model.lanes[0]?.marks ?? [];
    expect(marks.filter((m) => m.kind !== 'finding' && m.kind !== 'use')).toEqual([]);
    expect(marks.filter((m) => m.kind === 'use').map((m) => [m.at, m.verdict])).toEqual([
      [NOW * 1000, 'accepted'],
    ]);
    expect(Number.isFinite(model.start) && Number.isFinite(model.end)).toBe(true);
    expect(model.end - model.start).toBeLessThan(2 * 86_400_000);
    expect(axisTicks(model.start, model.end).every((t) => !t.label.includes('NaN'))).toBe(true);
  });

  it('fits the window to the traffic; a claim time far from it sits at the edge', () => {
    const { result, fps } = lifecycleFixture();
    const model = buildTimeline(result, result.tokens, 'family');
    const f1 = model.lanes.find((l) => l.id === 'family:f1');
    const refreshExpiry = f1?.marks.find((m) => m.key === `exp:${fps.refresh1}`);
    expect(refreshExpiry?.at).toBeGreaterThan(model.end);
    // The traffic spans 12 minutes; access tokens expire within 15 minutes of it: all in the window.
    expect(model.start).toBeLessThanOrEqual(T0 * 1000);
    expect(model.end).toBeGreaterThanOrEqual((T0 + 1500) * 1000);
    expect(model.end - model.start).toBeLessThan(60 * 60 * 1000);
  });

  it('keeps a few seconds of scripted traffic readable: a 5-minute expiry sits at the edge', () => {
    const token = makeToken({ iss: 'https://issuer.example.test', sub: 'z', iat: NOW, exp: NOW + 300 });
    const when = (s: number) => new Date((NOW + s) * 1000).toISOString();
    const capture = captureHar(
      makeHar([
        makeEntry({ bearer: token, startedAt: when(1) }),
        makeEntry({ bearer: token, startedAt: when(4) }),
      ]),
    );
    if ('error' in capture) throw new Error(capture.error);
    const result = auditCapture([capture], { now: NOW });
    const model = buildTimeline(result, result.tokens, 'family');
    // The traffic (3 s) and the token's iat a second before it fill the plot, with their margins.
    expect(model.end - model.start).toBeLessThan(5_000);
    const expiry = model.lanes[0]?.marks.find((m) => m.kind === 'expiry');
    expect(expiry?.at).toBe((NOW + 300) * 1000);
    expect(expiry?.at).toBeGreaterThan(model.end);
  });

  it("places a finding at the sighting it names, not at the token's first sighting", () => {
    const { result } = lifecycleFixture();
    const model = buildTimeline(result, result.tokens, 'family');
    const f2 = model.lanes.find((l) => l.id === 'family:f2');
    const marker = f2?.marks.find((m) => m.finding?.ruleId === 'token-accepted-after-logout');
    expect(marker?.at).toBe((T0 + 720) * 1000);
  });

  it('gives every token a lane when the lifecycle is empty (no families yet), and none without times', () => {
    const result = audit([
      makeToken({ iss: 'https://a.test', sub: 'a' }),
      'opaque-token-value-1234567890abcdef',
    ]);
    const model = buildTimeline(result, result.tokens, 'family');
    expect(model.lanes.map((l) => l.id)).toEqual(result.tokens.map((r) => `token:${r.token.fingerprint}`));
    const none = buildTimeline({ ...result, tokens: [], findings: [] }, [], 'family');
    expect(none.lanes).toEqual([]);
  });
});
