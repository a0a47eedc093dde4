import { describe, expect, it } from 'vitest';
import { createReplaySource } from '../../src/panel/replay-source';

describe('createReplaySource', () => {
  it('delivers entries and navigations only while connected', () => {
    const source = createReplaySource();
    const seen: string[] = [];
    source.on('entry', (_entry, id) => seen.push(id));
    source.on('navigated', (url) => seen.push(url));
    source.emit({}, 'before');
    source.connect();
    source.emit({}, 'a');
    source.navigate('https://x.test/');
    source.disconnect();
    source.emit({}, 'after');
    expect(seen).toEqual(['a', 'https://x.test/']);
  });

  it('isolates listeners: one that throws does not stop the others', () => {
    const source = createReplaySource();
    const seen: string[] = [];
    source.on('entry', () => {
      throw new Error('bug');
    });
    source.on('entry', (_entry, id) => seen.push(id));
    source.connect();
    source.emit({}, 'a');
    expect(seen).toEqual(['a']);
  });

  it('unsubscribes, numbers entries without an id, and answers backfill and storage', async () => {
    const source = createReplaySource([{ entry: 1, requestId: 'old' }], { storage: [] });
    const seen: string[] = [];
    const off = source.on('entry', (_entry, id) => seen.push(id));
    source.connect();
    source.emit({});
    off();
    source.emit({});
    expect(seen).toEqual(['replay-1']);
    expect(await source.backfill()).toEqual([{ entry: 1, requestId: 'old' }]);
    source.setStorage([{ area: 'localStorage', key: 'k', value: 'v', origin: 'https://x.test' }]);
    expect(await source.scanStorage()).toHaveLength(1);
  });
});
