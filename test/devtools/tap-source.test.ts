import { describe, expect, it, vi } from 'vitest';
import { tapSource } from '../../src/devtools/tap-source';
import { createReplaySource } from '../../src/panel/replay-source';

describe('tapSource', () => {
  it('shows the observer every live and backfilled entry, and leaves the panel its own', async () => {
    const replay = createReplaySource([{ entry: { n: 0 }, requestId: 'har-1' }], {
      origin: 'https://a.test',
    });
    const observe = vi.fn();
    const source = tapSource(replay, observe);
    const panel = vi.fn();
    source.on('entry', panel);
    source.connect();
    replay.emit({ n: 1 }, 'live-1');
    await expect(source.backfill()).resolves.toEqual([{ entry: { n: 0 }, requestId: 'har-1' }]);
    expect(observe.mock.calls).toEqual([
      [{ n: 1 }, 'live-1'],
      [{ n: 0 }, 'har-1'],
    ]);
    expect(panel).toHaveBeenCalledWith({ n: 1 }, 'live-1');
    expect(source.pageOrigin?.()).toBe('https://a.test');
    source.disconnect();
    expect(replay.connected).toBe(false);
  });

  it('survives a throwing observer', async () => {
    const replay = createReplaySource([{ entry: {}, requestId: 'h' }]);
    const source = tapSource(replay, () => {
      throw new Error('tap bug');
    });
    const panel = vi.fn();
    source.on('entry', panel);
    source.connect();
    replay.emit({}, 'l');
    expect(panel).toHaveBeenCalledTimes(1);
    await expect(source.backfill()).resolves.toHaveLength(1);
  });
});
